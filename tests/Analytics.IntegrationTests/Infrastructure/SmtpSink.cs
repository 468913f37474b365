using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Analytics.IntegrationTests.Infrastructure;

/// <summary>
/// A minimal SMTP server on 127.0.0.1 that keeps what it receives, so delivery is tested over a real socket.
/// It can refuse the first N messages (451) to exercise retries.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    public List<(List<string> To, string Data)> Messages { get; } = [];
    public int RefuseFirst { get; set; }
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public SmtpSink()
    {
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 localhost test sink");
        var to = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var command = line.Split(' ')[0].ToUpperInvariant();
            switch (command)
            {
                case "EHLO" or "HELO": await writer.WriteLineAsync("250-localhost\r\n250 8BITMIME"); break;
                case "MAIL": to.Clear(); await writer.WriteLineAsync("250 OK"); break;
                case "RCPT": to.Add(line[(line.IndexOf(':') + 1)..].Trim(' ', '<', '>')); await writer.WriteLineAsync("250 OK"); break;
                case "DATA":
                    await writer.WriteLineAsync("354 go ahead");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } l && l != ".") data.AppendLine(l);
                    lock (Messages)
                    {
                        if (RefuseFirst > 0) { RefuseFirst--; writer.WriteLine("451 try again later"); break; }
                        Messages.Add((to.ToList(), data.ToString()));
                    }
                    await writer.WriteLineAsync("250 queued");
                    break;
                case "QUIT": await writer.WriteLineAsync("221 bye"); return;
                case "RSET" or "NOOP": await writer.WriteLineAsync("250 OK"); break;
                default: await writer.WriteLineAsync("502 not implemented"); break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { }
    }
}
