namespace RunTalkRun.Features.Groups;

public static class GroupsSetup
{
    public static WebApplication MapGroups(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapGroupsApi();
        api.MapGroupManagementApi();
        return app;
    }
}
