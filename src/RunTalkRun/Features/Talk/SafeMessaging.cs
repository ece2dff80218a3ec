using NodaTime;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;

namespace RunTalkRun.Features.Talk;

/// <summary>
/// Notices language about suicide or self-harm in a message, from the list HQ keeps. Following the
/// Samaritans' and the National Suicide Prevention Alliance's guidance for online communities, the message
/// is not deleted: the writer privately gets a kind note with the crisis lines for their country, and the
/// room's moderators are asked to look with care.
/// </summary>
public partial class SafeMessaging(IClock clock)
{
    static readonly Duration KeepFor = Duration.FromSeconds(30);
    (Instant At, string[] Phrases)? cached;
    readonly Lock gate = new();

    /// <summary>The phrases HQ keeps, read again at most every 30 seconds (another instance may have changed them).</summary>
    async Task<string[]> PhrasesAsync(AppDb db)
    {
        lock (gate)
            if (cached is { } c && clock.GetCurrentInstant() - c.At < KeepFor) return c.Phrases;
        var phrases = (await db.CrisisPhrases.AsNoTracking().Select(p => p.Phrase).ToListAsync()).Select(Normalise).Where(p => p.Length > 0).ToArray();
        lock (gate) cached = (clock.GetCurrentInstant(), phrases);
        return phrases;
    }

    /// <summary>Forget the cached list (after HQ changed it here).</summary>
    public void Forget() { lock (gate) cached = null; }

    public async Task<bool> NeedsCareAsync(AppDb db, string text)
    {
        var normal = " " + Normalise(text) + " ";
        foreach (var phrase in await PhrasesAsync(db))
            if (normal.Contains(" " + phrase + " ", StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>Lower case, letters and digits only, one space between words; curly apostrophes and hyphens as words join.</summary>
    public static string Normalise(string text)
    {
        var folded = text.ToLower(CultureInfo.InvariantCulture).Replace('\u2019', '\'').Replace("'", "").Replace("-", " ");
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded.Normalize(NormalizationForm.FormC))
            sb.Append(char.IsLetterOrDigit(c) ? c : ' ');
        return Spaces().Replace(sb.ToString(), " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
