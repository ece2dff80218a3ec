using System.Text.Json;
using Microsoft.AspNetCore.Html;

namespace RunTalkRun.Features.Shared;

/// <summary>
/// Where map tiles come from (Map:TileUrl, Map:Attribution). Empty TileUrl: markers on a plain
/// background. Every map is an extra: the page is complete without it, without tiles and without script.
/// </summary>
public class MapSettings(IConfiguration config)
{
    public string TileUrl { get; } = config["Map:TileUrl"] ?? "";
    public string Attribution { get; } = config["Map:Attribution"] ?? "";

    /// <summary>The tile server's origin for the content security policy ("{s}." subdomains become "*.").</summary>
    public string? TileOrigin
    {
        get
        {
            if (string.IsNullOrEmpty(TileUrl)) return null;
            var url = TileUrl.Replace("{s}.", "s.", StringComparison.Ordinal);
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps) return null;
            var host = TileUrl.Contains("{s}.", StringComparison.Ordinal) ? "*." + uri.Host[2..] : uri.Host;
            return $"https://{host}{(uri.IsDefaultPort ? "" : ":" + uri.Port)}";
        }
    }
}
