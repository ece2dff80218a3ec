namespace RunTalkRun.Features.Shared;

/// <summary>
/// Absolute links for emails. With Site:BaseUrl set (do set it in production), links never take
/// their host from the request, so a forged Host header can't point a reset link elsewhere.
/// </summary>
public class SiteLinks(IConfiguration config, IHttpContextAccessor http)
{
    public string Absolute(string pathAndQuery)
    {
        var baseUrl = config["Site:BaseUrl"];
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            var request = http.HttpContext?.Request ?? throw new InvalidOperationException("Set Site:BaseUrl to make links outside a request.");
            baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}";
        }
        return baseUrl.TrimEnd('/') + pathAndQuery;
    }
}
