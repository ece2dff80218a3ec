using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace RunTalkRun.Features.Shared;

/// <summary>
/// Absolute links for emails. With Site:BaseUrl set (do set it in production), links never take
/// their host from the request, so a forged Host header can't point a reset link elsewhere.
/// Without it, a request's own address is used, and in background work (reminders) the address
/// the server listens on, so the demo's mail links work on the machine that runs it.
/// </summary>
public class SiteLinks(IConfiguration config, IHttpContextAccessor http, IServiceProvider services)
{
    public string Absolute(string pathAndQuery) => BaseUrl().TrimEnd('/') + pathAndQuery;

    string BaseUrl()
    {
        var configured = config["Site:BaseUrl"];
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        if (http.HttpContext?.Request is { } request) return $"{request.Scheme}://{request.Host}{request.PathBase}";
        var listening = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (listening is null) return "http://localhost";
        return listening.Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost").Replace("://+", "://localhost").Replace("://*", "://localhost");
    }
}
