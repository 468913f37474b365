using System.Text.RegularExpressions;

namespace Analytics.Agents;

/// <summary>The words of an agent's name that identify them in free text ("u spreekt met Kees").</summary>
public static class NameWords
{
    // Dutch name particles are words of every sentence; they identify nobody.
    private static readonly HashSet<string> Particles =
        new(["de", "van", "der", "den", "ten", "ter", "te", "het", "el", "la", "le", "op", "in", "'t"], StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<string> Of(string name) =>
        Regex.Split(name, @"[^\p{L}']+").Where(w => w.Length >= 2 && !Particles.Contains(w));
}
