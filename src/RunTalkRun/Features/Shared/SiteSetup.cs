using Microsoft.AspNetCore.HostFiltering;

namespace RunTalkRun.Features.Shared;

/// <summary>
/// The site's public address, <c>Site:BaseUrl</c> (like https://runs.example.org). Outside Development the app
/// refuses to start without it, and only requests for its host are served (plus any hosts <c>AllowedHosts</c>
/// names, separated by ';', such as an internal name a load balancer checks health through).
/// </summary>
public static class SiteSetup
{
    public static IServiceCollection AddSite(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var baseUrl = BaseUrl(config);
        if (baseUrl is null && !env.IsDevelopment())
            throw new InvalidOperationException(
                "Site:BaseUrl is not set. Set it to the site's public address (for example Site__BaseUrl=https://runs.example.org): " +
                "links in mail and calendars are built from it, never from a request's Host header.");
        services.AddSingleton<SiteLinks>();
        services.AddSingleton<SiteContact>();
        if (baseUrl is null) return services; // Development without a public address: any host, as `dotnet run` serves
        services.PostConfigure<HostFilteringOptions>(o =>
        {
            var named = (o.AllowedHosts ?? []).Where(h => h != "*").ToList();
            o.AllowedHosts = [baseUrl.IdnHost, .. named];
            o.AllowEmptyHosts = false;
        });
        return services;
    }

    /// <summary>The configured public address, or null when none is set; a start-up error when it is not an http(s) address.</summary>
    public static Uri? BaseUrl(IConfiguration config)
    {
        var text = config["Site:BaseUrl"];
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || url.Query != "" || url.Fragment != "")
            throw new InvalidOperationException($"Site:BaseUrl is '{text}', which is not a web address like https://runs.example.org.");
        return url;
    }
}
