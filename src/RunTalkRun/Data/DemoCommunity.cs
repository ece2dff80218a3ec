using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Leading;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Data;

/// <summary>The demo community the README's run command serves. Seeded only into an empty database.</summary>
public static class DemoCommunity
{
    public const string Password = "RunTalkRun-demo-1";
    public const string HqEmail = "hq@example.org";
    public const string SafeguardingEmail = "safeguarding@example.org";
    public const string ModeratorEmail = "moderator@example.org";
    public const string ApplicantEmail = "applicant@example.org";
    public static string LeaderEmail(string slug) => $"leader.{slug}@example.org";
    public static string MemberEmail(int n) => $"member{n}@example.org";
    /// <summary>
    /// DEMO ONLY. The authenticator key of the three demo HQ accounts, which have two-step sign-in on (HQ must):
    /// add it to an authenticator app to sign in as them. Published in the README, so never a real account's key.
    /// </summary>
    public const string HqAuthenticatorKey = "RUNTALKRUNDEMOKEYNOTFORREALUSE22";

    record Demo(string Slug, string Name, string Town, string Country, string Zone, double Lat, double Lon,
        string About, string Base, string Address, bool Toilets, bool Water, bool BagDrop, bool Changing, bool StepFree,
        string Access, IsoDayOfWeek Day, int Hour, int Minute, string Leader);

    static readonly Demo[] Groups =
    [
        new("london-covent-garden", "London – Covent Garden", "London", "GB", "Europe/London", 51.5117, -0.1240,
            "Our first home: we meet inside a running shop in Covent Garden, stretch, chat and head out along the river.",
            "The running shop", "Covent Garden, London WC2E", true, true, true, false, true,
            "Step-free entrance from the street. The shop staff are happy to look after bags.",
            IsoDayOfWeek.Tuesday, 18, 30, "Jess"),
        new("london-southwark", "London – Southwark", "London", "GB", "Europe/London", 51.5035, -0.0900,
            "We start and finish at a gym in Southwark so there is water and a toilet before and after.",
            "Southwark gym", "Southwark Street, London SE1", true, true, true, true, false,
            "Reception is up three steps; ask a leader and we'll meet you at the street door.",
            IsoDayOfWeek.Sunday, 10, 0, "Sam"),
        new("london-city", "London – City", "London", "GB", "Europe/London", 51.5101, -0.0860,
            "Where it all began: every Thursday at seven from the Monument, whoever turns up.",
            "The Monument", "Fish Street Hill, London EC3R", false, false, false, false, true,
            "We gather at the foot of the Monument on level paving.",
            IsoDayOfWeek.Thursday, 19, 0, "Priya"),
        new("peterborough", "Peterborough", "Peterborough", "GB", "Europe/London", 52.5695, -0.2405,
            "The second Run Talk Run group, started in 2018. Gentle loops along the river Nene.",
            "The Embankment", "Bishop's Road, Peterborough PE1", true, false, false, false, true,
            "Flat riverside paths; public toilets by the car park.",
            IsoDayOfWeek.Wednesday, 18, 30, "Jennie"),
        new("milton-keynes", "Milton Keynes", "Milton Keynes", "GB", "Europe/London", 52.0406, -0.7594,
            "Saturday morning chats around Willen Lake, as slow as the slowest runner.",
            "Willen Lake café", "Brickhill Street, Milton Keynes MK15", true, true, false, false, true,
            "Step-free paths all the way round the lake.",
            IsoDayOfWeek.Saturday, 9, 0, "Tom"),
        new("brighton", "Brighton", "Brighton", "GB", "Europe/London", 50.8225, -0.1372,
            "Monday evenings along the seafront, starting from the pier.",
            "Palace Pier entrance", "Madeira Drive, Brighton BN2", true, true, false, false, true,
            "Flat promenade; toilets at the pier.",
            IsoDayOfWeek.Monday, 18, 30, "Alex"),
        new("los-angeles", "Los Angeles", "Los Angeles", "US", "America/Los_Angeles", 34.0522, -118.2437,
            "Saturday mornings in Griffith Park, led by two local leaders.",
            "Griffith Park merry-go-round lot", "4730 Crystal Springs Dr, Los Angeles, CA 90027", true, true, false, false, false,
            "Some paths are unpaved; parking is close to the start.",
            IsoDayOfWeek.Saturday, 8, 0, "Maria"),
        new("brisbane", "Brisbane", "Brisbane", "AU", "Australia/Brisbane", -27.4698, 153.0251,
            "Early Sunday runs along the river at South Bank, before the heat.",
            "South Bank Parklands", "Stanley St Plaza, South Brisbane QLD 4101", true, true, false, false, true,
            "Step-free riverside paths with water fountains.",
            IsoDayOfWeek.Sunday, 6, 30, "Kate"),
    ];

    static readonly string[] MemberNicknames =
    [
        "Amy", "Ben", "Chloe", "Dev", "Ella", "Finn", "Grace", "Hassan", "Isla", "Jack",
        "Kofi", "Lily", "Mo", "Nina", "Oscar", "Pip", "Quinn", "Rosa", "Sid", "Tess",
    ];

    static Run Led(Run run, string leaderId, Instant now)
    {
        run.Leaders.Add(new RunLeader { MemberId = leaderId, FromSeries = true, AddedAt = now });
        return run;
    }

    public static async Task SeedIfEmptyAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<AppDb>();
        if (await db.Groups.AnyAsync() || await db.Users.AnyAsync()) return;
        var clock = services.GetRequiredService<IClock>();
        var users = services.GetRequiredService<UserManager<Member>>();
        var now = clock.GetCurrentInstant();
        // One hash for every demo account: hashing 29 times would slow every start and every test.
        var hash = users.PasswordHasher.HashPassword(new Member(), Password);

        var keys = (IUserAuthenticatorKeyStore<Member>)services.GetRequiredService<IUserStore<Member>>();
        async Task<Member> Account(string email, string nickname, HqRole hq = HqRole.None)
        {
            var m = new Member { UserName = email, Email = email, EmailConfirmed = true, Nickname = nickname, HqRole = hq, JoinedAt = now, PasswordHash = hash };
            m.TwoFactorEnabled = m.IsHq;
            var result = await users.CreateAsync(m);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            if (m.IsHq)
            {
                await keys.SetAuthenticatorKeyAsync(m, HqAuthenticatorKey, CancellationToken.None);
                await users.UpdateAsync(m);
            }
            db.Consents.Add(Consent.Give(m.Id, ConsentKind.CommunityGuidelines, now));
            db.Consents.Add(Consent.Give(m.Id, ConsentKind.AttendanceData, now));
            return m;
        }

        await Account(HqEmail, "HQ", HqRole.Admin);
        await Account(SafeguardingEmail, "Safeguarding", HqRole.SafeguardingLead);
        await Account(ModeratorEmail, "Moderator", HqRole.Moderator);
        var groups = new List<Group>();
        foreach (var d in Groups)
        {
            var group = new Group
            {
                Slug = d.Slug, Name = d.Name, Town = d.Town, Country = d.Country, TimeZoneId = d.Zone,
                About = d.About, Latitude = d.Lat, Longitude = d.Lon, Status = GroupStatus.Active,
                WebsiteUrl = "https://www.runtalkrun.com/", InstagramUrl = "https://www.instagram.com/runtalkrun/",
            };
            group.MeetingPoints.Add(new MeetingPoint
            {
                Name = d.Base, Address = d.Address, Latitude = d.Lat, Longitude = d.Lon, IsBase = true,
                HasToilets = d.Toilets, HasWater = d.Water, HasBagDrop = d.BagDrop, HasChangingRooms = d.Changing,
                StepFree = d.StepFree, BuggyFriendly = d.StepFree, WheelchairFriendly = d.StepFree && d.Slug != "london-covent-garden",
                AccessibilityNotes = d.Access,
            });
            db.Groups.Add(group);
            groups.Add(group);
        }
        await db.SaveChangesAsync();

        for (var i = 0; i < Groups.Length; i++)
        {
            var d = Groups[i];
            var group = groups[i];
            var leader = await Account(LeaderEmail(d.Slug), d.Leader);
            db.Memberships.Add(new GroupMembership { GroupId = group.Id, MemberId = leader.Id, Role = GroupRole.Organiser, JoinedAt = now });
            var zone = group.Zone;
            var series = new RunSeries
            {
                GroupId = group.Id, MeetingPointId = group.MeetingPoints[0].Id,
                Title = $"{d.Day} {(d.Hour < 12 ? "morning" : "evening")} run",
                DayOfWeek = d.Day, LocalTime = new TimeOnly(d.Hour, d.Minute),
                StartsOn = now.InZone(zone).Date.PlusWeeks(-4).ToDateOnly(), ApproxDistanceKm = 5,
            };
            db.RunSeries.Add(series);
            await db.SaveChangesAsync();
            // The organiser usually leads it, so each run has a leader on its roster.
            db.SeriesLeaders.Add(new SeriesLeader { SeriesId = series.Id, MemberId = leader.Id, AddedAt = now });
            // Last week's run too, so the demo has a run in the past.
            var today = now.InZone(zone).Date;
            foreach (var (date, startsAt) in series.Occurrences(today.PlusWeeks(-1), today.PlusWeeks(RunScheduler.WeeksAhead), zone))
                db.Runs.Add(Led(Run.FromSeries(series, date, startsAt), leader.Id, now));
        }
        await db.SaveChangesAsync();

        // Twenty members spread over the groups, some already coming to their group's next run.
        for (var n = 1; n <= 20; n++)
        {
            var group = groups[(n - 1) % groups.Count];
            var member = await Account(MemberEmail(n), MemberNicknames[n - 1]);
            db.Memberships.Add(new GroupMembership { GroupId = group.Id, MemberId = member.Id, Role = GroupRole.Member, JoinedAt = now });
            if (n <= 12)
            {
                var next = await db.Runs.Where(r => r.GroupId == group.Id && r.StartsAt > now)
                    .OrderBy(r => r.StartsAt).FirstAsync();
                next.AddRsvp(member.Id, firstTime: n % 5 == 0, now);
            }
        }

        // A virtual run: run wherever you are on Sunday at 10:00 UK time, then talk online at 10:45.
        var coventGarden = groups.Single(g => g.Slug == "london-covent-garden");
        var virtualSeries = new RunSeries
        {
            GroupId = coventGarden.Id, Title = "Virtual Sunday run", DayOfWeek = IsoDayOfWeek.Sunday, LocalTime = new TimeOnly(10, 0),
            StartsOn = now.InZone(coventGarden.Zone).Date.ToDateOnly(), IsVirtual = true, TalkOnlineAfterMinutes = 45,
        };
        db.RunSeries.Add(virtualSeries);
        await db.SaveChangesAsync();
        var jess = await db.Users.SingleAsync(u => u.Email == LeaderEmail(coventGarden.Slug));
        db.SeriesLeaders.Add(new SeriesLeader { SeriesId = virtualSeries.Id, MemberId = jess.Id, AddedAt = now });
        var cgToday = now.InZone(coventGarden.Zone).Date;
        foreach (var (date, startsAt) in virtualSeries.Occurrences(cgToday, cgToday.PlusWeeks(RunScheduler.WeeksAhead), coventGarden.Zone))
            db.Runs.Add(Led(Run.FromSeries(virtualSeries, date, startsAt), jess.Id, now));

        // Someone who'd like to start a group in Norwich, waiting for HQ.
        var applicant = await Account(ApplicantEmail, "Robin");
        db.Applications.Add(new Features.Leading.LeaderApplication
        {
            MemberId = applicant.Id, Kind = Features.Leading.ApplicationKind.NewGroup, Town = "Norwich", Region = "England", Country = "GB",
            Latitude = 52.62783, Longitude = 1.29834, TownKey = Features.Leading.LeaderApplication.KeyFor("GB", "Norwich"),
            Motivation = "Running with a group got me through a hard year in London. Now I've moved to Norwich and there's nothing like it here.",
            Experience = "I run three or four times a week, always slowly, and I've been going to Run Talk Run in London for two years.",
            Availability = "Wednesday evenings and Sunday mornings", TrainingDone = "Mental Health First Aid (2025)",
            GuidelinesAcceptedAt = now, LeadersCodeAcceptedAt = now, CreatedAt = now, UpdatedAt = now,
        });
        db.Consents.Add(Consent.Give(applicant.Id, ConsentKind.LeadersCode, now));

        // One cancelled run so people can see what that looks like.
        var city = groups.Single(g => g.Slug == "london-city");
        var later = await db.Runs.Where(r => r.GroupId == city.Id && r.StartsAt > now)
            .OrderBy(r => r.StartsAt).Skip(2).FirstAsync();
        later.Status = RunStatus.Cancelled;
        later.CancelReason = "Our leader is away this week. Back the week after, same time, same place.";
        await db.SaveChangesAsync();

        // A few messages in the first group's chat, so its room isn't empty.
        var first = groups[0];
        var room = new Features.Talk.Room { Kind = Features.Talk.RoomKind.Group, Key = Features.Talk.Room.KeyFor(Features.Talk.RoomKind.Group, first.Id), GroupId = first.Id, CreatedAt = now };
        db.Rooms.Add(room);
        await db.SaveChangesAsync();
        var firstLeader = await db.Users.SingleAsync(u => u.Email == LeaderEmail(first.Slug));
        var firstMember = await db.Users.SingleAsync(u => u.Email == MemberEmail(1));
        (string AuthorId, string Text)[] chat =
        [
            (firstLeader.Id, $"Welcome to {first.Name}'s chat! Ask anything about the runs here. We go at the pace of the slowest runner."),
            (firstMember.Id, "Thanks! Is it OK to walk some of it? First time on Thursday."),
            (firstLeader.Id, "Of course. Nobody is left behind, and we stop to regroup. See you there!"),
        ];
        foreach (var (i, (authorId, text)) in chat.Index())
            db.Messages.Add(new Features.Talk.ChatMessage { RoomId = room.Id, AuthorId = authorId, Text = text, SentAt = now.Plus(Duration.FromMinutes(-30 + 10 * i)) });
        await db.SaveChangesAsync();
    }
}
