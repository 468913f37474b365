using System.Net.Sockets;
using Npgsql;

namespace Analytics.Api.Problems;

/// <summary>
/// Whether an exception means PostgreSQL is out of reach for a moment (restarting, shutting down, refusing connections)
/// rather than a fault of the request or the code. Such requests answer 503 with Retry-After: the client can simply try
/// again, and a load balancer can tell an outage from a bug.
/// </summary>
internal static class DatabaseOutage
{
    /// <summary>Seconds a client is asked to wait; a fast restart of PostgreSQL takes a few.</summary>
    public const int RetryAfterSeconds = 5;

    // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up); class 08 is connection loss.
    private static readonly string[] OutageStates = ["57P01", "57P02", "57P03"];

    public static bool Is(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when OutageStates.Contains(pg.SqlState) || pg.SqlState.StartsWith("08", StringComparison.Ordinal):
                    return true;
                case PostgresException:
                    return false; // the server answered: a real error of the statement
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                case EndOfStreamException:
                    return true;
            }
        }
        return false;
    }
}
