using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace RunTalkRun.Features.Shared;

/// <summary>
/// Absolute links for mail, calendars and feeds. They come from <c>Site:BaseUrl</c> (required outside Development,
/// see <see cref="SiteSetup"/>), never from a request's Host header: a forged Host can't point a reset link, an
/// unsubscribe link or a calendar elsewhere. In Development without it, the address the server listens on is used,
/// so the demo's mail links work on the machine that runs it.
/// </summary>
public class SiteLinks(IConfiguration config, IServiceProvider services)
{
    public string Absolute(string pathAndQuery) => BaseUrl().TrimEnd('/') + pathAndQuery;

    string BaseUrl()
    {
        if (SiteSetup.BaseUrl(config) is { } configured) return configured.ToString();
        var listening = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (listening is null) return "http://localhost";
        return listening.Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost").Replace("://+", "://localhost").Replace("://*", "://localhost");
    }
}
