using System.Globalization;
using System.Security;
using System.Text;

namespace SuperTune.Training.Search;

/// <summary>
/// Draws validation score against learning rate as an SVG scatter plot with a logarithmic x axis: one colour per
/// successive-halving rung, a ring around the best run, and a tooltip per point.
/// </summary>
public static class LearningRatePlot
{
    private const double Width = 720, Height = 440;
    private const double Left = 70, Right = 540, Top = 50, Bottom = 380;

    private static readonly string[] RungColours =
        ["#9e9e9e", "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];

    /// <summary>One plotted run.</summary>
    public sealed record Point(int Trial, int Rung, double LearningRate, double Score);

    /// <summary>Returns the SVG document.</summary>
    /// <param name="points">Runs with a score; failed runs are left out by the caller.</param>
    /// <param name="rungEpochs">Epochs of each rung, for the legend.</param>
    /// <param name="best">The run to ring, or null.</param>
    /// <param name="rateRange">Learning rates the x axis must include, such as the ends of the search space.</param>
    public static string Render(IReadOnlyList<Point> points, IReadOnlyList<int> rungEpochs, Point? best,
        (double Low, double High) rateRange)
    {
        var (xLow, xHigh) = LogAxis(points.Select(p => p.LearningRate).Append(rateRange.Low).Append(rateRange.High));
        var (yLow, yHigh, yStep) = ScoreAxis(points.Select(p => p.Score));
        double X(double rate) => Left + (Math.Log10(rate) - xLow) / (xHigh - xLow) * (Right - Left);
        double Y(double score) => Bottom - (score - yLow) / (yHigh - yLow) * (Bottom - Top);

        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" "))
            .Append(Invariant($"viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n"))
            .Append(Invariant($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n"))
            .Append(Invariant($"<text x=\"{Width / 2}\" y=\"24\" text-anchor=\"middle\" font-size=\"15\">"))
            .Append("Validation macro F1 by learning rate</text>\n");

        // Axes with grid lines: x ticks at 1, 2 and 5 times each power of ten, y ticks every yStep.
        foreach (var (rate, label) in LogTicks(xLow, xHigh))
        {
            var x = X(rate);
            svg.Append(Invariant($"<line x1=\"{x:F1}\" y1=\"{Top}\" x2=\"{x:F1}\" y2=\"{Bottom}\" stroke=\"#e0e0e0\"/>\n"))
                .Append(Invariant($"<text x=\"{x:F1}\" y=\"{Bottom + 18}\" text-anchor=\"middle\">{label}</text>\n"));
        }

        for (var score = yLow; score <= yHigh + yStep / 2; score += yStep)
        {
            var y = Y(score);
            svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{y:F1}\" x2=\"{Right}\" y2=\"{y:F1}\" stroke=\"#e0e0e0\"/>\n"))
                .Append(Invariant($"<text x=\"{Left - 8}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{score:0.###}</text>\n"));
        }

        svg.Append(Invariant($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Right - Left}\" height=\"{Bottom - Top}\" "))
            .Append("fill=\"none\" stroke=\"#333\"/>\n")
            .Append(Invariant($"<text x=\"{(Left + Right) / 2}\" y=\"{Bottom + 42}\" text-anchor=\"middle\">"))
            .Append("learning rate (log scale)</text>\n")
            .Append(Invariant($"<text x=\"18\" y=\"{(Top + Bottom) / 2}\" text-anchor=\"middle\" "))
            .Append(Invariant($"transform=\"rotate(-90 18 {(Top + Bottom) / 2})\">validation macro F1</text>\n"));

        // Points, earlier rungs first so the longer-trained runs are drawn on top.
        foreach (var point in points.OrderBy(p => p.Rung).ThenBy(p => p.Trial))
        {
            var title = Invariant($"trial {point.Trial}, rung {point.Rung}: learning rate {point.LearningRate:G3}, ") +
                        Invariant($"macro F1 {point.Score:F4}");
            svg.Append(Invariant($"<circle cx=\"{X(point.LearningRate):F1}\" cy=\"{Y(point.Score):F1}\" r=\"5\" "))
                .Append(Invariant($"fill=\"{Colour(point.Rung)}\" fill-opacity=\"0.85\" stroke=\"white\">"))
                .Append($"<title>{SecurityElement.Escape(title)}</title></circle>\n");
        }

        if (best is not null)
        {
            svg.Append(Invariant($"<circle class=\"best\" cx=\"{X(best.LearningRate):F1}\" cy=\"{Y(best.Score):F1}\" "))
                .Append("r=\"10\" fill=\"none\" stroke=\"black\" stroke-width=\"1.5\"/>\n")
                .Append(Invariant($"<text x=\"{X(best.LearningRate) + 13:F1}\" y=\"{Y(best.Score) - 8:F1}\">"))
                .Append(Invariant($"best (trial {best.Trial})</text>\n"));
        }

        // Legend: one entry per rung.
        for (var rung = 0; rung < rungEpochs.Count; rung++)
        {
            var y = Top + 10 + rung * 20;
            var epochs = rungEpochs[rung] == 1 ? "1 epoch" : Invariant($"{rungEpochs[rung]} epochs");
            svg.Append(Invariant($"<circle cx=\"{Right + 20}\" cy=\"{y}\" r=\"5\" fill=\"{Colour(rung)}\"/>\n"))
                .Append(Invariant($"<text x=\"{Right + 32}\" y=\"{y + 4}\">rung {rung} ({epochs})</text>\n"));
        }

        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>Returns the x axis ends in log10 units, padded by 5% of the span on each side.</summary>
    private static (double Low, double High) LogAxis(IEnumerable<double> rates)
    {
        var logs = rates.Where(r => r > 0 && double.IsFinite(r)).Select(Math.Log10).ToList();
        var (low, high) = logs.Count == 0 ? (-5.0, -3.0) : (logs.Min(), logs.Max());
        if (high - low < 1e-9) (low, high) = (low - 0.5, high + 0.5);
        var padding = (high - low) * 0.05;
        return (low - padding, high + padding);
    }

    /// <summary>Returns y axis ends at multiples of a 1, 2 or 5 step, within [0, 1] where the scores allow.</summary>
    private static (double Low, double High, double Step) ScoreAxis(IEnumerable<double> scores)
    {
        var values = scores.Where(double.IsFinite).ToList();
        var (low, high) = values.Count == 0 ? (0.0, 1.0) : (values.Min(), values.Max());
        if (high - low < 0.02) (low, high) = (low - 0.01, high + 0.01);

        var rough = (high - low) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1.0, 2.0, 5.0, 10.0 }.Select(m => m * magnitude).First(s => s >= rough);
        var axisLow = Math.Floor(low / step) * step;
        var axisHigh = Math.Ceiling(high / step) * step;
        if (values.All(v => v >= 0)) axisLow = Math.Max(axisLow, 0);
        if (values.All(v => v <= 1)) axisHigh = Math.Min(axisHigh, 1);
        if (axisHigh <= axisLow) axisHigh = axisLow + step;
        return (axisLow, axisHigh, step);
    }

    private static IEnumerable<(double Rate, string Label)> LogTicks(double low, double high)
    {
        for (var exponent = (int)Math.Floor(low); exponent <= (int)Math.Ceiling(high); exponent++)
        {
            foreach (var mantissa in new[] { 1, 2, 5 })
            {
                var rate = mantissa * Math.Pow(10, exponent);
                var log = Math.Log10(rate);
                if (log >= low && log <= high) yield return (rate, Invariant($"{mantissa}e{exponent}"));
            }
        }
    }

    private static string Colour(int rung) => RungColours[Math.Min(rung, RungColours.Length - 1)];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
