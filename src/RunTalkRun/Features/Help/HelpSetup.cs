namespace RunTalkRun.Features.Help;

public static class HelpSetup
{
    public static WebApplication MapHelp(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapHelpApi();
        return app;
    }
}
