using ScottPlot;

namespace SuperTune.Core.Evaluation;

/// <summary>Draws a confusion matrix as a row-normalised heat map with ScottPlot.</summary>
internal static class ConfusionHeatmap
{
    /// <summary>Largest label count drawn; beyond it cells would be under 4 pixels and the image too large.</summary>
    public const int MaxLabels = 300;

    /// <summary>Tick labels are cut to this many characters so one long label cannot blow up the image.</summary>
    private const int MaxLabelCharacters = 40;

    /// <summary>
    /// Writes the heat map of <paramref name="confusion"/> to <paramref name="path"/> as PNG and returns true, or
    /// returns false without writing when there are more than <see cref="MaxLabels"/> labels.
    /// </summary>
    public static bool SavePng(ConfusionMatrix confusion, string path)
    {
        if (confusion.Labels.Count > MaxLabels) return false;
        var labels = confusion.Labels
            .Select(l => l.Length <= MaxLabelCharacters ? l : l[..(MaxLabelCharacters - 1)] + "…")
            .ToArray();
        var count = labels.Length;
        // With 77 labels of 30 characters, 16-pixel cells and 9-point tick labels give an image of about
        // 1650 x 1530 pixels in which every label can still be read.
        var (cellPixels, fontSize) = count switch
        {
            <= 12 => (48, 13f),
            <= 40 => (24, 11f),
            <= 120 => (16, 9f),
            _ => (8, 5f),
        };

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(RowShares(confusion));
        heatmap.Colormap = new ScottPlot.Colormaps.Blues().Reversed();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        heatmap.Rectangle = new CoordinateRect(-0.5, count - 0.5, -0.5, count - 0.5);
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = "Share of row";
        colorBar.Axis.SetTicks([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"]);

        // Row 0 of the intensity array is drawn at the top, so gold label r sits at y = count - 1 - r.
        var positions = Enumerable.Range(0, count).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, labels);
        plot.Axes.Left.SetTicks(positions.Select(y => count - 1 - y).ToArray(), labels);
        plot.Axes.Bottom.TickLabelStyle.Rotation = -90;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.TickLabelStyle.FontSize = fontSize;
        plot.Axes.Left.TickLabelStyle.FontSize = fontSize;

        // ScottPlot sizes the bottom panel for unrotated labels, so reserve room for the longest rotated one.
        using var paint = Paint.NewDisposablePaint();
        var labelPixels = labels.Max(label => plot.Axes.Bottom.TickLabelStyle.Measure(label, paint).Size.Width);
        plot.Axes.Bottom.MinimumSize = labelPixels + 40;
        plot.Axes.SetLimits(-0.5, count - 0.5, -0.5, count - 0.5);
        plot.XLabel("Predicted label");
        plot.YLabel("Gold label");
        plot.Title("Confusion matrix");

        // Cells of more than 20 labels are too small for the counts, which confusion.csv has anyway.
        if (count <= 20)
        {
            AddCountLabels(plot, confusion, fontSize);
        }

        var side = (int)Math.Ceiling(labelPixels) + 160;
        var height = Math.Max(count * cellPixels + side, 400);
        plot.SavePng(path, height + 120, height);
        return true;
    }

    private static double[,] RowShares(ConfusionMatrix confusion)
    {
        var count = confusion.Labels.Count;
        var shares = new double[count, count];
        for (var row = 0; row < count; row++)
        {
            var total = confusion.RowTotal(row);
            for (var column = 0; column < count && total > 0; column++)
            {
                shares[row, column] = (double)confusion[row, column] / total;
            }
        }

        return shares;
    }

    private static void AddCountLabels(Plot plot, ConfusionMatrix confusion, float fontSize)
    {
        var count = confusion.Labels.Count;
        for (var row = 0; row < count; row++)
        {
            var total = confusion.RowTotal(row);
            for (var column = 0; column < count; column++)
            {
                if (confusion[row, column] == 0)
                {
                    continue;
                }

                var text = plot.Add.Text(confusion[row, column].ToString(), column, count - 1 - row);
                text.LabelFontSize = fontSize;
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = confusion[row, column] * 2 > total ? Colors.White : Colors.Black;
            }
        }
    }
}
