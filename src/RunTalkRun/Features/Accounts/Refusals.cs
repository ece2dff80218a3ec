namespace RunTalkRun.Features.Accounts;

/// <summary>
/// What is true to say to a signed-in member refused a page (answered 403): who the page is for and how to ask.
/// Chosen by the refused address, which is only read, never shown back.
/// </summary>
public static class Refusals
{
    public static (string Title, string Text) For(string? refusedPath)
    {
        var path = (refusedPath ?? "").Split('?')[0].ToLowerInvariant().TrimEnd('/');
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            ["runs", _, "concern"] => ("Concerns are raised by the run's leaders",
                "A concern about a run is raised by a leader who led it. If you're worried about someone from a run you didn't lead, tell the leader who did, or write to HQ's safeguarding lead. If someone is in danger right now, call the emergency number."),
            ["hq", "concerns", ..] => ("Concerns are for HQ's safeguarding leads",
                "Only HQ's safeguarding leads read concerns. If you raised one, you can see where it's up to on your account's \"Concerns you raised\" page."),
            ["hq", "crisis-phrases", ..] => ("This page is for HQ's admins and moderators",
                "Only HQ's admins and moderators change the phrases that bring up crisis help in the chat. If a phrase is missing, tell a moderator or write to HQ."),
            ["hq", "audit", ..] => ("This page is for HQ's admins and safeguarding leads",
                "Only HQ's admins and safeguarding leads can read what was changed and by whom. If you need to know, write to HQ."),
            ["hq", ..] => ("This page is for HQ's admins",
                "Only HQ's admins can open this page. If you need something from HQ, write to them."),
            ["talk", "messages", _, "edit"] => ("Only the person who wrote a message can change it",
                "You can change or delete the messages you wrote yourself. If someone else's message worries you, report it and a moderator will look at it."),
            ["talk", _, "members", ..] => ("This page is for the room's moderators",
                "Only a room's moderators can mute someone or take them out of a room. If someone worries you, report their message and a moderator will look at it."),
            ["talk", ..] => ("This is for the room's people",
                "Only a chat room's members can read it, and only its moderators can moderate it. If you'd like to join a group's room, join the group."),
            ["groups", _, "people"] => ("This page is for the group's organisers",
                "Only a group's organisers can see the group's people and choose who leads. If you'd like to lead or help, ask one of the group's organisers at a run."),
            ["runs", _, "whos-coming" or "register"] => ("This page is for the group's leaders",
                "Only the group's own leaders can see who is coming to its runs and take the register. Everyone else sees how many people are coming, to keep attendance private. If you'd like to lead, ask one of the group's organisers."),
            ["runs", ..] or ["groups", ..] => ("This page is for the group's leaders",
                "Only a group's leaders can change its runs, meeting points and who leads when. If something needs changing, tell one of the group's leaders. If you'd like to lead, ask one of the group's organisers."),
            _ => ("You can't open this page", "It is for particular people only, and you're not one of them with this account."),
        };
    }
}
