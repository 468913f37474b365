using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Analytics.Privacy;

/// <summary>
/// Stable codes from a per-database secret (privacy_secrets 'pseudonym'): the same agent always gets the same code, and
/// without the secret a code cannot be traced back by trying every agent or customer key (keys are short).
/// </summary>
public sealed class Pseudonyms(byte[] secret)
{
    public static async Task<Pseudonyms> LoadAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT value FROM privacy_secrets WHERE name = 'pseudonym'", conn);
        return new Pseudonyms((byte[])(await cmd.ExecuteScalarAsync(ct)
            ?? throw new InvalidOperationException("privacy_secrets has no 'pseudonym': run ./analytics migrate")));
    }

    private string Hex(string kind, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(kind + "\n" + value)));

    /// <summary>What a departed agent's name becomes.</summary>
    public string Agent(string code) => "Agent-" + Hex("agent", code)[..8];

    /// <summary>What the audit log holds of an erased customer's key: enough to answer "was C123 erased?".</summary>
    public string Customer(string key) => Hex("customer", key)[..16];
}
