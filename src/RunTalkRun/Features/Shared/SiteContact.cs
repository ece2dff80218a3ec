namespace RunTalkRun.Features.Shared;

/// <summary>
/// The address people write to HQ at (to start a group, or anything else), <c>Site:ContactEmail</c>, shown in
/// every page's footer. Without it, the address mail is sent from.
/// </summary>
public class SiteContact(IConfiguration config)
{
    public const string Fallback = "hello@runtalkrun.example";

    public string Email => Valid(config["Site:ContactEmail"]) ?? Valid(FromAddress(config["Smtp:From"])) ?? Fallback;

    public string MailTo => "mailto:" + Email;

    static string? Valid(string? address) =>
        address?.Trim() is { Length: > 0 and <= 254 } a && Validation.LooksLikeEmail(a) ? a : null;

    /// <summary>"Run Talk Run &lt;hello@example.org&gt;" gives hello@example.org.</summary>
    static string? FromAddress(string? from) =>
        from is null ? null : from.IndexOf('<') is var open and >= 0 && from.IndexOf('>', open) is var close and > 0 ? from[(open + 1)..close] : from;
}
