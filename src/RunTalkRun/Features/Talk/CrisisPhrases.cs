using NodaTime;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Audit;

namespace RunTalkRun.Features.Talk;

/// <summary>HQ's safe-messaging list: admins and moderators add and remove words and phrases; each change is logged.</summary>
public class CrisisPhrases(AppDb db, SafeMessaging safe, IClock clock)
{
    public static async Task<bool> CanEditAsync(CurrentMember me) =>
        await me.HasHqRoleAsync(HqRole.Admin) || await me.HasHqRoleAsync(HqRole.Moderator);

    public async Task<(CrisisPhrase? Added, string? Error, bool Duplicate)> AddAsync(string memberId, string? phrase)
    {
        var clean = string.Join(' ', (phrase ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        if (clean.Length == 0) return (null, "Enter a word or phrase.", false);
        if (clean.Length > CrisisPhrase.MaxLength) return (null, $"Keep it to {CrisisPhrase.MaxLength} characters or fewer: a few words match better than a sentence.", false);
        if (SafeMessaging.Normalise(clean).Length == 0) return (null, "Enter a word or phrase with letters in it.", false);
        if (await db.CrisisPhrases.AnyAsync(p => p.Phrase == clean)) return (null, $"\"{clean}\" is already on the list.", true);
        var now = clock.GetCurrentInstant();
        var added = new CrisisPhrase { Phrase = clean, AddedAt = now, AddedById = memberId };
        db.CrisisPhrases.Add(added);
        db.Record(memberId, "chat.phrase-added", "crisis-phrases", clean, now);
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException dbe) when (!DatabaseWrites.IsUnavailable(dbe)) { return (null, $"\"{clean}\" is already on the list.", true); }
        safe.Forget();
        return (added, null, false);
    }

    public async Task<bool> RemoveAsync(string memberId, int id)
    {
        var phrase = await db.CrisisPhrases.SingleOrDefaultAsync(p => p.Id == id);
        if (phrase is null) return false;
        db.CrisisPhrases.Remove(phrase);
        db.Record(memberId, "chat.phrase-removed", "crisis-phrases", phrase.Phrase, clock.GetCurrentInstant());
        await db.SaveChangesAsync();
        safe.Forget();
        return true;
    }
}
