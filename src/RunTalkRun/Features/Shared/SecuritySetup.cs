using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace RunTalkRun.Features.Shared;

/// <summary>
/// What sits in front of the app: the proxy whose X-Forwarded-For and X-Forwarded-Proto are believed (only
/// those in <c>ForwardedHeaders:KnownProxies</c> or <c>:KnownNetworks</c>; loopback when neither is set),
/// HSTS (a year, subdomains too; outside Development), and the rate limits (<see cref="RateLimits"/>).
/// Cookies are Secure, HttpOnly and SameSite wherever they are set up (AccountsSetup, WebSetup).
/// </summary>
public static class SecuritySetup
{
    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration config)
    {
        var proxies = List(config, "ForwardedHeaders:KnownProxies").Select(p => Parse<IPAddress>(p, IPAddress.TryParse!, "KnownProxies")).ToList();
        var networks = List(config, "ForwardedHeaders:KnownNetworks").Select(n => Parse<System.Net.IPNetwork>(n, System.Net.IPNetwork.TryParse, "KnownNetworks")).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (proxies.Count + networks.Count == 0) return; // the defaults: 127.0.0.0/8 and ::1
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        services.AddRateLimits(config);
        return services;
    }

    /// <summary>A setting given as a list (KnownProxies:0, KnownProxies:1) or as one comma-separated value.</summary>
    static IEnumerable<string> List(IConfiguration config, string key)
    {
        var section = config.GetSection(key);
        var values = section.GetChildren().Select(c => c.Value).ToList();
        if (values.Count == 0) values.Add(section.Value);
        return values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    delegate bool TryParse<T>(string text, out T value);

    static T Parse<T>(string text, TryParse<T> parse, string what) =>
        parse(text, out var value) ? value : throw new InvalidOperationException($"ForwardedHeaders:{what} has '{text}', which is not an IP address{(what == "KnownNetworks" ? " range like 10.0.0.0/8" : "")}.");
}
