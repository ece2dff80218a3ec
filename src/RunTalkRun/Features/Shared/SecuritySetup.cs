using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace RunTalkRun.Features.Shared;

/// <summary>
/// What sits in front of the app: the proxy whose X-Forwarded-For and X-Forwarded-Proto are believed (only
/// those in <c>ForwardedHeaders:KnownProxies</c> or <c>:KnownNetworks</c>; none when neither is set),
/// HSTS (a year, subdomains too; outside Development), Secure cookies, and the rate limits (<see cref="RateLimits"/>).
/// </summary>
public static class SecuritySetup
{
    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration config)
    {
        var proxies = List(config, "ForwardedHeaders:KnownProxies")
            .Select(p => IPAddress.TryParse(p, out var ip) ? ip : throw NotAn("KnownProxies", p, "an IP address like 10.0.0.5")).ToList();
        var networks = List(config, "ForwardedHeaders:KnownNetworks")
            .Select(n => System.Net.IPNetwork.TryParse(n, out var net) ? net : throw NotAn("KnownNetworks", n, "an address range like 10.0.0.0/8")).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // ASP.NET Core's defaults (127.0.0.0/8 and ::1) go: a process on the same machine is not a proxy unless named.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
            // With no proxy named, nobody's X-Forwarded-* is believed (empty lists would mean "believe anyone").
            o.ForwardedHeaders = proxies.Count + networks.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        // Every cookie (sign-in, the pending second step, antiforgery, the notice) is Secure: sent over HTTPS only.
        // Behind a proxy that ends TLS, the app learns a request was HTTPS from a known proxy's X-Forwarded-Proto.
        // Not in Development, which `dotnet run` serves on http://localhost: ASP.NET Core's antiforgery refuses
        // to issue a Secure-only cookie for a plain-http request, so no form would work there.
        // (HttpOnly and SameSite are set where each cookie is: AccountsSetup, WebSetup.)
        services.AddOptions<AntiforgeryOptions>().Configure<IHostEnvironment>((o, env) => o.Cookie.SecurePolicy = SecurePolicy(env));
        services.AddOptions<CookieTempDataProviderOptions>().Configure<IHostEnvironment>((o, env) => o.Cookie.SecurePolicy = SecurePolicy(env));
        foreach (var scheme in new[] { IdentityConstants.ApplicationScheme, IdentityConstants.TwoFactorUserIdScheme, IdentityConstants.TwoFactorRememberMeScheme, IdentityConstants.ExternalScheme })
            services.AddOptions<CookieAuthenticationOptions>(scheme).Configure<IHostEnvironment>((o, env) => o.Cookie.SecurePolicy = SecurePolicy(env));
        services.AddRateLimits(config);
        return services;
    }

    static CookieSecurePolicy SecurePolicy(IHostEnvironment env) =>
        env.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    /// <summary>A setting given as a list (KnownProxies:0, KnownProxies:1) or as one comma-separated value.</summary>
    static IEnumerable<string> List(IConfiguration config, string key)
    {
        var section = config.GetSection(key);
        var values = section.GetChildren().Select(c => c.Value).ToList();
        if (values.Count == 0) values.Add(section.Value);
        return values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    static InvalidOperationException NotAn(string key, string text, string like) =>
        new($"ForwardedHeaders:{key} has '{text}', which is not {like}.");
}
