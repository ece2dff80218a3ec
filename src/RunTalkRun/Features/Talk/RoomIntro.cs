namespace RunTalkRun.Features.Talk;

/// <summary>One line under a room's name saying who is in it.</summary>
public static class RoomIntro
{
    public static string For(RoomKind kind) => kind switch
    {
        RoomKind.Group => "The group's chat, for its members and leaders.",
        RoomKind.Run => "This run's thread: for the group and anyone coming. Running late? Say so here.",
        RoomKind.Leaders => "For every group's leaders and HQ.",
        _ => "The community room for everyone in the country.",
    };
}

/// <summary>One message on a room's page, and who is looking.</summary>
public record MessageRow(HistoryItem Item, string MeId, bool CanModerate, int RoomId, Time.TimePlace Place, NodaTime.Instant Now);
