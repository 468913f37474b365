using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Analytics.Statistics;

/// <summary>
/// Consistent perturbation of small counts (the cell-key method statistics offices use), for roles that must not
/// learn a suppressed group by differencing: every count a cell publishes moves by −2…+2, decided by a keyed hash of
/// the cell's definition (question, period, filters, group, which count). The same cell always gets the same noise, so
/// asking again never averages it away; a total and its parts get independent noise, so total − visible parts misses
/// a suppressed part. Zero stays zero and nothing else becomes zero. docs/security.md says what it cannot protect against.
/// </summary>
public sealed class CellKey(byte[] secret)
{
    // Probabilities of −2, −1, 0, +1, +2: mean 0, variance 1.2; a difference of two cells is exact 1 time in 4 or less.
    private static readonly (double Below, int Noise)[] Table = [(0.10, -2), (0.30, -1), (0.70, 0), (0.90, 1), (1.00, 2)];

    public int Noise(string cell, string count)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(cell + "\u001f" + count), hash);
        var u = (BinaryPrimitives.ReadUInt64LittleEndian(hash) >> 11) * (1.0 / (1UL << 53));
        foreach (var (below, noise) in Table)
            if (u < below) return noise;
        return 0;
    }

    /// <summary>The count as this cell publishes it.</summary>
    public int Perturb(int value, string cell, string count) => value == 0 ? 0 : Math.Max(1, value + Noise(cell, count));
}
