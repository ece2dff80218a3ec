using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace RunTalkRun.Features.Shared;

/// <summary>
/// One address's fixed window for one limit, counted in Redis so that every instance adds to the same count: one
/// script, run atomically by Redis, adds one and starts the window's expiry on the first try (INCR, then PEXPIRE).
/// When Redis can't be reached, this instance counts on its own (<see cref="FixedWindowRateLimiter"/>) until it
/// can again: the doors stay limited, per instance, and nobody gets a server error.
/// </summary>
public sealed class RedisFixedWindowLimiter(IConnectionMultiplexer redis, RedisKey key, RateLimits.Limit limit, ILogger log) : RateLimiter
{
    const string Script = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            ttl = tonumber(ARGV[1])
        end
        return { count, ttl }
        """;

    static volatile bool redisWasDown;

    readonly FixedWindowRateLimiter fallback = new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = limit.PermitLimit,
        Window = TimeSpan.FromSeconds(limit.WindowSeconds),
        QueueLimit = 0,
    });

    public override TimeSpan? IdleDuration => fallback.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => fallback.GetStatistics();

    /// <summary>Never decides without asking Redis: the rate-limiting middleware then asks <see cref="AcquireAsyncCore"/>.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.NotYet;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancel)
    {
        if (permitCount == 0 || !redis.IsConnected) return await FallbackAsync(permitCount, cancel, null);
        try
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Script, [key], [limit.WindowSeconds * 1000L]))!;
            var (count, ttl) = ((long)result[0], (long)result[1]);
            if (redisWasDown)
            {
                redisWasDown = false;
                log.LogInformation("Rate limits are counted in Redis again");
            }
            return count <= limit.PermitLimit ? Lease.Acquired : Lease.Refused(TimeSpan.FromMilliseconds(Math.Max(ttl, 1)));
        }
        catch (Exception e) when (e is RedisException or TimeoutException or InvalidCastException)
        {
            return await FallbackAsync(permitCount, cancel, e);
        }
    }

    ValueTask<RateLimitLease> FallbackAsync(int permitCount, CancellationToken cancel, Exception? why)
    {
        if (!redisWasDown && permitCount > 0)
        {
            redisWasDown = true;
            log.LogWarning(why, "Redis is out of reach: each instance counts its own rate limits until it is back");
        }
        return fallback.AcquireAsync(permitCount, cancel);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) fallback.Dispose();
        base.Dispose(disposing);
    }

    protected override ValueTask DisposeAsyncCore() => fallback.DisposeAsync();

    sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true, null);
        public static readonly Lease NotYet = new(false, null);
        public static Lease Refused(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
