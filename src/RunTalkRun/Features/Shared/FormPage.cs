using System.Net.Mail;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RunTalkRun.Features.Shared;

/// <summary>A page with a form: the message beside each field, as in the GOV.UK error pattern.</summary>
public abstract class FormPage : PageModel
{
    public string ErrorClass(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? "has-error" : "";

    /// <summary>The ids a field's aria-describedby names: its hint, and its error message when it has one.</summary>
    public string? DescribedBy(string key, string? hintId = null)
    {
        var ids = new List<string>();
        if (hintId is not null) ids.Add(hintId);
        if (ErrorClass(key) != "") ids.Add($"{key.Replace('.', '_')}-error");
        return ids.Count == 0 ? null : string.Join(' ', ids); // null: Razor leaves the attribute out
    }

    /// <summary>
    /// Puts errors keyed by API field ("startsOn") beside the form's fields ("Input.StartsOn"); a field
    /// that already has a message keeps only that one.
    /// </summary>
    protected void AddErrors(string prefix, IDictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in errors)
        {
            var key = $"{prefix}.{char.ToUpperInvariant(field[0])}{field[1..]}";
            if (!ModelState.ContainsKey(key)) ModelState.AddModelError(key, messages[0]);
        }
    }

    public IHtmlContent ErrorFor(string key)
    {
        if (!ModelState.TryGetValue(key, out var entry) || entry.Errors.Count == 0) return HtmlString.Empty;
        var builder = new HtmlContentBuilder();
        foreach (var error in entry.Errors)
        {
            builder.AppendHtml($"<span class=\"field-error\" id=\"{key.Replace('.', '_')}-error\"><span class=\"visually-hidden\">Error: </span>");
            builder.Append(error.ErrorMessage);
            builder.AppendHtml("</span>");
        }
        return builder;
    }
}

public static class Validation
{
    public static bool LooksLikeEmail(string email) =>
        MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Contains('.', StringComparison.Ordinal) && !email.Any(char.IsWhiteSpace);
}
