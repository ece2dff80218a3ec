using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Leading;

/// <summary>The words of the emails about an application: warm, plain, and each with its page's link.</summary>
public static class ApplicationNews
{
    static string Page(LeaderApplication app, SiteLinks links) => links.Absolute($"/applications/{app.Id}");
    static string Review(LeaderApplication app, SiteLinks links) => links.Absolute($"/hq/applications/{app.Id}");

    public static (string Subject, string Body) Received(LeaderApplication app, Member applicant, SiteLinks links) => (
        $"Thank you for applying: {app.What}",
        $"""
        Hi {applicant.Nickname},

        Thank you for offering to {app.WhatInSentence}. Every group started with someone like you asking.

        Someone at HQ will read your application, usually within a week. If we have a question, we'll ask it on your application's page
        and email you. You can see where it stands at any time:
        {Page(app, links)}
        """);

    public static (string Subject, string Body) ForHq(LeaderApplication app, Member applicant, Member admin, SiteLinks links) => (
        $"New application: {app.What}",
        $"""
        Hi {admin.Nickname},

        {applicant.Nickname} has applied to {app.WhatInSentence} ({Countries.NameOf(app.Country)}).

        Read it and approve, ask a question or decline:
        {Review(app, links)}
        """);

    public static (string Subject, string Body) Question(LeaderApplication app, Member applicant, SiteLinks links) => (
        "A question about your application",
        $"""
        Hi {applicant.Nickname},

        Thank you again for applying to {app.WhatInSentence}. Someone at HQ has a question for you.
        You can read it and answer on your application's page:
        {Page(app, links)}
        """);

    public static (string Subject, string Body) Answered(LeaderApplication app, Member applicant, Member admin, SiteLinks links) => (
        $"{applicant.Nickname} answered: {app.What}",
        $"""
        Hi {admin.Nickname},

        {applicant.Nickname} has answered on their application to {app.WhatInSentence}.
        {Review(app, links)}
        """);

    public static (string Subject, string Body) Approved(LeaderApplication app, Member applicant, SiteLinks links) => (
        app.Kind == ApplicationKind.NewGroup ? $"Welcome: you're starting Run Talk Run {app.Town}" : $"Welcome to the leaders of {app.Group?.Name}",
        app.Kind == ApplicationKind.NewGroup
            ? $"""
              Hi {applicant.Nickname},

              Yes! Your application to start a group in {app.Town} is approved, and you are its organiser.

              The group is "launching" for now: nobody can find it yet. Get it ready on its page:
              add a meeting point, then the runs you'd like to lead.
              {links.Absolute($"/groups/{app.Group?.Slug}/manage")}

              When it's ready, HQ will set it live and it will appear when people look for a run near {app.Town}.
              Thank you for doing this. Run as slow as the slowest runner, listen more than you advise, and nobody gets left behind.
              """
            : $"""
              Hi {applicant.Nickname},

              Yes! You're now a leader of {app.Group?.Name}. You can see who's coming to its runs, take the register,
              and put yourself down to lead:
              {links.Absolute($"/groups/{app.Group?.Slug}")}

              Thank you. Run as slow as the slowest runner, listen more than you advise, and nobody gets left behind.
              """);

    public static (string Subject, string Body) Declined(LeaderApplication app, Member applicant, SiteLinks links) => (
        "About your application to lead",
        $"""
        Hi {applicant.Nickname},

        Thank you for offering to {app.WhatInSentence}. This time we aren't able to say yes.
        From HQ:

        "{app.DeclineMessage}"

        You're always welcome at the runs, and you can apply again whenever you like.
        {Page(app, links)}
        """);

    public static (string Subject, string Body) Live(Group group, Member organiser, SiteLinks links) => (
        $"{group.Name} is live",
        $"""
        Hi {organiser.Nickname},

        {group.Name} is live: people looking for a run near {group.Town} can find it now.
        {links.Absolute($"/groups/{group.Slug}")}

        Thank you for starting it.
        """);
}
