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

/// <summary>A point on a map: a group or a meeting point, with a link and a line of text.</summary>
public record MapPoint(string Name, double Latitude, double Longitude, string? Href = null, string? Text = null);

/// <summary>What the _Map partial draws. <paramref name="Label"/> names the map for screen readers.</summary>
public record MapView(string Label, IReadOnlyList<MapPoint> Points, MapPoint? You = null, string? PickerFor = null)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>JSON for a non-executed data block; the default encoder escapes &lt; and &gt;, so it can't close the script element.</summary>
    public IHtmlContent DataJson() => new HtmlString(JsonSerializer.Serialize(new
    {
        points = Points.Select(p => new { p.Name, lat = Math.Round(p.Latitude, 5), lon = Math.Round(p.Longitude, 5), p.Href, p.Text }),
        you = You is null ? null : new { You.Name, lat = Math.Round(You.Latitude, 5), lon = Math.Round(You.Longitude, 5) },
        pickerFor = PickerFor,
    }, Json));
}
