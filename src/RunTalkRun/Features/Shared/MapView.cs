using System.Text.Json;
using Microsoft.AspNetCore.Html;

namespace RunTalkRun.Features.Shared;

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
