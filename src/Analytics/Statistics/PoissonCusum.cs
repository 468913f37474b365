namespace Analytics.Statistics;

/// <summary>
/// Upper Poisson CUSUM for a rise in a daily count: S₀ = 0, Sₜ = max(0, Sₜ₋₁ + xₜ − k), alarm when Sₜ ≥ h.
/// k is the log-likelihood-ratio reference value between the in-control mean λ₀ and the rise worth detecting λ₁;
/// h is chosen so the in-control average run length (days between false alarms) reaches a target.
/// </summary>
public static class PoissonCusum
{
    /// <summary>Grid of the Markov chain: S moves in steps of 1/Resolution, so k is rounded to that grid.</summary>
    public const int Resolution = 10;

    public static double ReferenceValue(double lambda0, double lambda1) =>
        (lambda1 - lambda0) / (Math.Log(lambda1) - Math.Log(lambda0));

    /// <summary>
    /// Average run length from S = 0 when counts are Poisson(λ), by the Brook–Evans Markov chain. With integer counts and
    /// k on the 1/Resolution grid the chain is exact: states are S = i/Resolution, 0 ≤ i &lt; h·Resolution.
    /// </summary>
    public static double AverageRunLength(double lambda, double k, double h)
    {
        var m = Resolution;
        var states = (int)Math.Ceiling(h * m - 1e-9);
        if (states <= 0) return 1;
        var km = (int)Math.Round(k * m);
        // Poisson probabilities up to the count that jumps from 0 straight past h.
        var maxX = (states + km) / m + 2;
        var pmf = new double[maxX + 1];
        pmf[0] = Math.Exp(-lambda);
        for (var x = 1; x <= maxX; x++) pmf[x] = pmf[x - 1] * lambda / x;

        // (I − R)·L = 1, R = transitions among the non-alarm states.
        var a = new double[states, states];
        for (var i = 0; i < states; i++)
        {
            a[i, i] += 1;
            for (var x = 0; x <= maxX; x++)
            {
                var j = Math.Max(0, i + x * m - km);
                if (j >= states) break;
                a[i, j] -= pmf[x];
            }
        }
        var ones = Enumerable.Repeat(1.0, states).ToArray();
        return Gauss.Solve(a, ones)[0];
    }

    /// <summary>Above this daily mean the exact chain gets too large (and e^−λ underflows): the normal approximation is accurate there.</summary>
    public const double ExactUpTo = 30;

    /// <summary>The smallest h on the grid whose in-control ARL is at least <paramref name="targetArl"/>.</summary>
    public static double Threshold(double lambda0, double k, double targetArl)
    {
        if (lambda0 > ExactUpTo) return NormalThreshold(lambda0, k, targetArl);
        int lo = 1, hi = Resolution;
        while (AverageRunLength(lambda0, k, (double)hi / Resolution) < targetArl)
        {
            lo = hi;
            hi *= 2;
            if (hi > 5000 * Resolution) throw new InvalidOperationException("no threshold reaches the target run length");
        }
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (AverageRunLength(lambda0, k, (double)mid / Resolution) >= targetArl) hi = mid; else lo = mid + 1;
        }
        return (double)hi / Resolution;
    }

    /// <summary>
    /// Siegmund's approximation for a CUSUM of standardised increments (x − λ₀)/√λ₀ with reference k′ = (k − λ₀)/√λ₀:
    /// ARL₀ ≈ (e^{2k′b} − 2k′b − 1) / (2k′²), b = h′ + 1.166. Solved for h′ by bisection and returned in count units.
    /// </summary>
    public static double NormalThreshold(double lambda0, double k, double targetArl)
    {
        var sd = Math.Sqrt(lambda0);
        var kz = Math.Max(1e-6, (k - lambda0) / sd);
        double Arl(double hz)
        {
            var b = 2 * kz * (hz + 1.166);
            return (Math.Exp(b) - b - 1) / (2 * kz * kz);
        }
        double lo = 0, hi = 1;
        while (Arl(hi) < targetArl) hi *= 2;
        for (var i = 0; i < 60; i++)
        {
            var mid = (lo + hi) / 2;
            if (Arl(mid) >= targetArl) hi = mid; else lo = mid;
        }
        return Math.Ceiling(hi * sd * Resolution) / Resolution;
    }

    /// <summary>The CUSUM path over the counts, restarting at 0 after each alarm; returns (S, alarm) per day.</summary>
    public static IReadOnlyList<(double S, bool Alarm)> Run(IEnumerable<int> counts, double k, double h)
    {
        var kk = Math.Round(k * Resolution) / Resolution;
        var s = 0.0;
        var path = new List<(double, bool)>();
        foreach (var x in counts)
        {
            s = Math.Max(0, s + x - kk);
            var alarm = s >= h - 1e-9;
            path.Add((s, alarm));
            if (alarm) s = 0;
        }
        return path;
    }
}

/// <summary>Gaussian elimination with partial pivoting, for the small dense systems of the run-length chain.</summary>
internal static class Gauss
{
    public static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        for (var c = 0; c < n; c++)
        {
            var pivot = c;
            for (var r = c + 1; r < n; r++) if (Math.Abs(a[r, c]) > Math.Abs(a[pivot, c])) pivot = r;
            if (pivot != c)
            {
                for (var k = 0; k < n; k++) (a[c, k], a[pivot, k]) = (a[pivot, k], a[c, k]);
                (b[c], b[pivot]) = (b[pivot], b[c]);
            }
            for (var r = c + 1; r < n; r++)
            {
                var f = a[r, c] / a[c, c];
                if (f == 0) continue;
                for (var k = c; k < n; k++) a[r, k] -= f * a[c, k];
                b[r] -= f * b[c];
            }
        }
        var x = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var s = b[r];
            for (var k = r + 1; k < n; k++) s -= a[r, k] * x[k];
            x[r] = s / a[r, r];
        }
        return x;
    }
}
