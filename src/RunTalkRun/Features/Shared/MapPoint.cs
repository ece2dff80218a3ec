namespace RunTalkRun.Features.Shared;

/// <summary>A point on a map: a group or a meeting point, with a link and a line of text.</summary>
public record MapPoint(string Name, double Latitude, double Longitude, string? Href = null, string? Text = null);
