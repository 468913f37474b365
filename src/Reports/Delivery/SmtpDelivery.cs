using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Analytics.Reports.Delivery;

public sealed class SmtpOptions
{
    /// <summary>Empty: e-mail delivery is off and reports are only written to disk and listed in the API.</summary>
    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;
    public string From { get; set; } = "analytics@localhost";
    /// <summary>None, StartTls or SslOnConnect.</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";
    public string? Username { get; set; }
    public string? Password { get; set; }
    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>
/// Sends a finished PDF (never a file still being written: callers pass the renamed, complete file), or a plain message
/// (feed alerts) without one.
/// </summary>
public sealed class SmtpDelivery(SmtpOptions options)
{
    public bool Enabled => options.Host.Length > 0;

    public async Task SendAsync(IReadOnlyList<string> recipients, string subject, string body, string? pdfPath, CancellationToken ct)
    {
        if (!Enabled) throw new InvalidOperationException("e-mail delivery is not configured (Smtp:Host is empty)");
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        foreach (var r in recipients) message.To.Add(MailboxAddress.Parse(r));
        message.Subject = subject;
        var builder = new BodyBuilder { TextBody = body };
        if (pdfPath is not null) await builder.Attachments.AddAsync(pdfPath, new ContentType("application", "pdf"), ct);
        message.Body = builder.ToMessageBody();

        using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        var security = Enum.TryParse<SecureSocketOptions>(options.Security, ignoreCase: true, out var s) ? s : SecureSocketOptions.StartTlsWhenAvailable;
        await client.ConnectAsync(options.Host, options.Port, security, ct);
        if (options.Username is { Length: > 0 }) await client.AuthenticateAsync(options.Username, options.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
