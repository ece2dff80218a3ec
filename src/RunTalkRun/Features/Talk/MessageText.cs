using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace RunTalkRun.Features.Talk;

/// <summary>What a message may hold (text, up to 2,000 characters) and how it is shown: as text, with links as links.</summary>
public static partial class MessageText
{
    /// <summary>The message as it will be stored, or the reason it can't be sent.</summary>
    public static (string Text, string? Error) Check(string? text)
    {
        var clean = (text ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Trim();
        if (clean.Length == 0) return ("", "Write a message before sending it.");
        if (clean.Length > ChatMessage.MaxLength)
            return (clean, $"Messages can be up to {ChatMessage.MaxLength:N0} characters. Yours has {clean.Length:N0}: try splitting it in two.");
        if (!IsText(clean))
            return (clean, "This message has characters that can't be shown, as if it were a file. Send text only.");
        return (clean, null);
    }

    /// <summary>Text, not binary: no control characters other than new lines and tabs, and no broken characters.</summary>
    public static bool IsText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c) || c == '\uFFFD' || c == '\uFFFE' || c == '\uFFFF') return false;
            if (char.IsControl(c) && c is not '\n' and not '\t') return false;
        }
        return true;
    }

    [GeneratedRegex(@"\bhttps?://[^\s<>""']+", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    /// <summary>
    /// The message as HTML: every character encoded, and web addresses (http and https only) made into
    /// links that open nothing of ours and pass no credit. Nothing else becomes HTML.
    /// </summary>
    public static string ToHtml(string text)
    {
        var html = new StringBuilder();
        var encoder = HtmlEncoder.Default;
        var at = 0;
        foreach (Match m in Link().Matches(text))
        {
            var url = m.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']');
            html.Append(encoder.Encode(text[at..m.Index]));
            var href = encoder.Encode(url);
            html.Append($"<a href=\"{href}\" rel=\"nofollow noopener noreferrer ugc\">{href}</a>");
            at = m.Index + url.Length;
        }
        html.Append(encoder.Encode(text[at..]));
        return html.ToString();
    }

    public static IHtmlContent Render(string text) => new HtmlString(ToHtml(text));
}
