namespace Analytics.Statistics;

/// <summary>One coefficient of a fitted logistic model, with its odds ratio and 95% Wald interval.</summary>
public sealed record Coefficient(string Name, double Beta, double StandardError, double OddsRatio, double OddsLow, double OddsHigh, double P);

public sealed record LogisticFit(IReadOnlyList<Coefficient> Coefficients, int N, int Events, int Iterations, bool Converged, double LogLikelihood);

/// <summary>
/// Binary logistic regression by iteratively reweighted least squares (Newton–Raphson), small p, many rows.
/// A tiny ridge term keeps the Newton step defined when a level perfectly separates the outcome (a reason with
/// two responses, both detractors); it moves ordinary estimates by far less than their standard errors.
/// </summary>
public static class LogisticRegression
{
    public static LogisticFit Fit(IReadOnlyList<double[]> x, IReadOnlyList<bool> y, IReadOnlyList<string> names,
        double ridge = 1e-4, int maxIterations = 50)
    {
        var n = x.Count;
        if (n != y.Count) throw new ArgumentException("x and y differ in length", nameof(y));
        var p = names.Count + 1; // intercept first
        var beta = new double[p];
        var row = new double[p];
        var info = new double[p, p];
        var converged = false;
        var iterations = 0;
        double logLik = 0;
        for (; iterations < maxIterations && !converged; iterations++)
        {
            Array.Clear(info);
            var score = new double[p];
            logLik = 0;
            for (var i = 0; i < n; i++)
            {
                row[0] = 1;
                Array.Copy(x[i], 0, row, 1, p - 1);
                double eta = 0;
                for (var j = 0; j < p; j++) eta += row[j] * beta[j];
                var mu = 1 / (1 + Math.Exp(-eta));
                var w = Math.Max(mu * (1 - mu), 1e-12);
                var yi = y[i] ? 1.0 : 0.0;
                logLik += yi * Math.Log(Math.Max(mu, 1e-300)) + (1 - yi) * Math.Log(Math.Max(1 - mu, 1e-300));
                for (var j = 0; j < p; j++)
                {
                    score[j] += (yi - mu) * row[j];
                    var wj = w * row[j];
                    if (wj == 0) continue;
                    for (var k = 0; k <= j; k++) info[j, k] += wj * row[k];
                }
            }
            for (var j = 1; j < p; j++) { info[j, j] += ridge; score[j] -= ridge * beta[j]; }
            for (var j = 0; j < p; j++) for (var k = j + 1; k < p; k++) info[j, k] = info[k, j];
            var step = Cholesky.Solve(info, score);
            var largest = 0.0;
            for (var j = 0; j < p; j++) { beta[j] += step[j]; largest = Math.Max(largest, Math.Abs(step[j])); }
            converged = largest < 1e-8;
        }

        var covariance = Cholesky.Inverse(info);
        var coefficients = new List<Coefficient>(p);
        for (var j = 0; j < p; j++)
        {
            var se = Math.Sqrt(covariance[j, j]);
            coefficients.Add(new Coefficient(j == 0 ? "(intercept)" : names[j - 1], beta[j], se,
                Math.Exp(beta[j]), Math.Exp(beta[j] - Normal.Z95 * se), Math.Exp(beta[j] + Normal.Z95 * se), Normal.TwoSidedP(beta[j] / se)));
        }
        return new LogisticFit(coefficients, n, y.Count(v => v), iterations, converged, logLik);
    }
}

/// <summary>Cholesky factorisation of a symmetric positive-definite matrix, for the Newton step and the covariance.</summary>
internal static class Cholesky
{
    public static double[,] Factor(double[,] a)
    {
        var n = a.GetLength(0);
        var l = new double[n, n];
        for (var j = 0; j < n; j++)
        {
            var d = a[j, j];
            for (var k = 0; k < j; k++) d -= l[j, k] * l[j, k];
            if (d <= 0) throw new InvalidOperationException("matrix is not positive definite (a feature is constant or duplicated)");
            l[j, j] = Math.Sqrt(d);
            for (var i = j + 1; i < n; i++)
            {
                var s = a[i, j];
                for (var k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                l[i, j] = s / l[j, j];
            }
        }
        return l;
    }

    public static double[] Solve(double[,] a, double[] b) => SolveFactored(Factor(a), b);

    private static double[] SolveFactored(double[,] l, double[] b)
    {
        var n = b.Length;
        var z = new double[n];
        for (var i = 0; i < n; i++)
        {
            var s = b[i];
            for (var k = 0; k < i; k++) s -= l[i, k] * z[k];
            z[i] = s / l[i, i];
        }
        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var s = z[i];
            for (var k = i + 1; k < n; k++) s -= l[k, i] * x[k];
            x[i] = s / l[i, i];
        }
        return x;
    }

    public static double[,] Inverse(double[,] a)
    {
        var l = Factor(a);
        var n = a.GetLength(0);
        var inv = new double[n, n];
        for (var c = 0; c < n; c++)
        {
            var e = new double[n];
            e[c] = 1;
            var col = SolveFactored(l, e);
            for (var r = 0; r < n; r++) inv[r, c] = col[r];
        }
        return inv;
    }
}
