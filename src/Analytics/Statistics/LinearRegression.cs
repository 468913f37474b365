namespace Analytics.Statistics;

/// <summary>An ordinary least-squares fit with heteroskedasticity-robust (HC1) standard errors, intercept first.
/// </summary>
public sealed record LinearFit(double[] Beta, double[] StandardErrors, int N)
{
    public (double Low, double High) Interval95(int j) =>
        (Beta[j] - Normal.Z95 * StandardErrors[j], Beta[j] + Normal.Z95 * StandardErrors[j]);
}

/// <summary>
/// Least squares for many rows and a few dozen columns (dummies of reasons and weeks). Robust errors because a 0/100
/// check or an NPS of −100/0/100 is far from homoskedastic; a tiny ridge keeps a level with a single row from making
/// the normal equations singular, and moves the estimates by far less than their standard errors.
/// </summary>
public static class LinearRegression
{
    public static LinearFit Fit(IReadOnlyList<double[]> x, IReadOnlyList<double> y, double ridge = 1e-6)
    {
        var n = x.Count;
        if (n != y.Count) throw new ArgumentException("x and y differ in length", nameof(y));
        var p = x[0].Length + 1;
        if (n <= p) throw new ArgumentException($"{n} rows cannot fit {p} coefficients", nameof(x));
        var xtx = new double[p, p];
        var xty = new double[p];
        var row = new double[p];
        for (var i = 0; i < n; i++)
        {
            Row(x[i], row);
            for (var j = 0; j < p; j++)
            {
                if (row[j] == 0) continue;
                xty[j] += row[j] * y[i];
                for (var k = 0; k <= j; k++) xtx[j, k] += row[j] * row[k];
            }
        }
        for (var j = 1; j < p; j++) xtx[j, j] += ridge;
        for (var j = 0; j < p; j++) for (var k = j + 1; k < p; k++) xtx[j, k] = xtx[k, j];
        var inverse = Cholesky.Inverse(xtx);
        var beta = new double[p];
        for (var j = 0; j < p; j++) for (var k = 0; k < p; k++) beta[j] += inverse[j, k] * xty[k];

        // HC1: (X'X)⁻¹ (Σ eᵢ² xᵢxᵢ') (X'X)⁻¹ · n/(n − p)
        var meat = new double[p, p];
        for (var i = 0; i < n; i++)
        {
            Row(x[i], row);
            var e = y[i];
            for (var j = 0; j < p; j++) e -= row[j] * beta[j];
            var e2 = e * e;
            for (var j = 0; j < p; j++)
            {
                if (row[j] == 0) continue;
                for (var k = 0; k <= j; k++) meat[j, k] += e2 * row[j] * row[k];
            }
        }
        for (var j = 0; j < p; j++) for (var k = j + 1; k < p; k++) meat[j, k] = meat[k, j];
        var se = new double[p];
        var scale = (double)n / (n - p);
        for (var j = 0; j < p; j++)
        {
            // Only the diagonal is needed: row j of (X'X)⁻¹ · meat · column j of (X'X)⁻¹.
            double v = 0;
            for (var a = 0; a < p; a++)
            {
                if (inverse[j, a] == 0) continue;
                double s = 0;
                for (var b = 0; b < p; b++) s += meat[a, b] * inverse[b, j];
                v += inverse[j, a] * s;
            }
            se[j] = Math.Sqrt(Math.Max(0, v * scale));
        }
        return new LinearFit(beta, se, n);
    }

    private static void Row(double[] x, double[] row)
    {
        row[0] = 1;
        Array.Copy(x, 0, row, 1, x.Length);
    }
}
