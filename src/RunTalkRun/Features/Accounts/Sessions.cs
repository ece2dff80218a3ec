using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;

namespace RunTalkRun.Features.Accounts;

/// <summary>
/// Server-side sessions (<see cref="MemberSession"/>). Every sign-in starts one and puts its id in the cookie or
/// token (<see cref="Claim"/>); every request checks it is still there (<see cref="SessionsMiddleware"/>); signing
/// out, a password reset, or "sign out of this device" ends it at once, and the member's live chat connections
/// on it are closed (through <see cref="Talk.TalkPresence"/>, on every instance).
/// </summary>
public class Sessions(AppDb db, IClock clock, Talk.TalkPresence presence)
{
    /// <summary>The claim that carries the session's id inside the cookie and the tokens.</summary>
    public const string Claim = "rtr:session";

    /// <summary>Unused for this long, a session ends (as the sign-in cookie and the refresh token do).</summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromDays(14);

    public static string? IdOf(ClaimsPrincipal? user) => user?.FindFirst(Claim)?.Value;

    public async Task<string> StartAsync(string memberId, SessionKind kind, string? userAgent)
    {
        var now = clock.GetCurrentInstant();
        var session = new MemberSession
        {
            Id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(24)),
            MemberId = memberId, Kind = kind, Device = DeviceNames.Describe(userAgent, kind),
            StartedAt = now, LastSeenAt = now,
        };
        db.Add(session);
        await db.SaveChangesAsync();
        db.Entry(session).State = EntityState.Detached;
        return session.Id;
    }

    /// <summary>True while the session is there, belongs to the member and has been used within <see cref="IdleLimit"/>; marks it used.</summary>
    public async Task<bool> IsLiveAsync(string sessionId, string memberId)
    {
        var now = clock.GetCurrentInstant();
        var lastSeen = await db.Set<MemberSession>().Where(s => s.Id == sessionId && s.MemberId == memberId)
            .Select(s => (Instant?)s.LastSeenAt).SingleOrDefaultAsync();
        if (lastSeen is not { } seen || (now - seen).ToTimeSpan() > IdleLimit) return false;
        // "Last used" to the minute is all the devices page shows: write at most every five minutes.
        if (now - seen > Duration.FromMinutes(5))
            await db.Set<MemberSession>().Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now));
        return true;
    }

    public Task<List<MemberSession>> OfAsync(string memberId) =>
        db.Set<MemberSession>().AsNoTracking().Where(s => s.MemberId == memberId).OrderByDescending(s => s.LastSeenAt).ToListAsync();

    /// <summary>Ends one of the member's sessions (false when there is no such session of theirs).</summary>
    public async Task<bool> EndAsync(string memberId, string sessionId)
    {
        var ended = await db.Set<MemberSession>().Where(s => s.Id == sessionId && s.MemberId == memberId).ExecuteDeleteAsync();
        await presence.EndSessionsAsync(memberId, [sessionId]);
        return ended > 0;
    }

    /// <summary>Ends every session of the member but <paramref name="except"/> (none: all of them, this one too).</summary>
    public async Task<int> EndAllAsync(string memberId, string? except = null)
    {
        var ending = await db.Set<MemberSession>().Where(s => s.MemberId == memberId && s.Id != except).Select(s => s.Id).ToListAsync();
        var ended = await db.Set<MemberSession>().Where(s => s.MemberId == memberId && s.Id != except).ExecuteDeleteAsync();
        if (except is null) await presence.EndMemberAsync(memberId);
        else await presence.EndSessionsAsync(memberId, ending);
        return ended;
    }
}
