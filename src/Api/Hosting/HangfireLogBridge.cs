using Hangfire.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using MsLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Analytics.Api;

/// <summary>
/// Hangfire logs through a process-wide provider. Its ASP.NET Core provider captures the first host's ILoggerFactory, and
/// when several hosts live in one process (the integration tests) a disposed factory made job clients throw. This bridge
/// always writes to the factory of the host that is alive, and drops messages when none is.
/// </summary>
internal sealed class HangfireLogBridge : ILogProvider
{
    private static ILoggerFactory? _current;

    public static void Attach(ILoggerFactory factory) => _current = factory;

    public static void Detach(ILoggerFactory factory) => Interlocked.CompareExchange(ref _current, null, factory);

    public ILog GetLogger(string name) => new BridgedLog(name);

    private sealed class BridgedLog(string name) : ILog
    {
        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            ILogger logger;
            try { logger = _current?.CreateLogger(name) ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance; }
            catch (ObjectDisposedException) { return false; }
            var level = logLevel switch
            {
                HangfireLevel.Trace => MsLevel.Trace, HangfireLevel.Debug => MsLevel.Debug, HangfireLevel.Info => MsLevel.Information,
                HangfireLevel.Warn => MsLevel.Warning, HangfireLevel.Error => MsLevel.Error, _ => MsLevel.Critical,
            };
            if (messageFunc is null) return logger.IsEnabled(level);
            logger.Log(level, exception, "{Message}", messageFunc());
            return true;
        }
    }
}
