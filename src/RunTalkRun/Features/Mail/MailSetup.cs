namespace RunTalkRun.Features.Mail;

/// <summary>Mail: the SMTP mailer, and the outbox with its sender (a background service).</summary>
public static class MailSetup
{
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<SmtpSettings>(config.GetSection("Smtp"));
        services.AddSingleton<Mailer>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        return services;
    }
}
