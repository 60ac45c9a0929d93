import QuietLegsCore
import SwiftUI

/// Draws a chart the core laid out (the same geometry as the printed report); `ChartFrame` only
/// scales the unit square to the canvas.
struct CoreChartView: View {
    let chart: ChartView

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(chart.title).font(.subheadline.weight(.semibold))
            Canvas { ctx, size in
                let f = ChartFrame(width: size.width, height: size.height, left: 36, bottom: 8)
                if let band = f.band(chart) {
                    ctx.fill(Path(CGRect(x: f.left, y: band.top, width: size.width - f.left - f.right, height: band.bottom - band.top)),
                             with: .color(.green.opacity(0.18)))
                }
                for l in f.lines(chart) {
                    ctx.stroke(Path { p in p.move(to: CGPoint(x: f.left, y: l.y)); p.addLine(to: CGPoint(x: size.width - f.right, y: l.y)) },
                               with: .color(.green), style: StrokeStyle(lineWidth: 1.5, dash: [6, 3]))
                    ctx.draw(Text(l.label).font(.caption2).foregroundStyle(.green), at: CGPoint(x: size.width - f.right, y: l.y - 2), anchor: .bottomTrailing)
                }
                for t in chart.ticks {
                    let y = f.y(t.y)
                    ctx.stroke(Path { p in p.move(to: CGPoint(x: f.left, y: y)); p.addLine(to: CGPoint(x: size.width - f.right, y: y)) },
                               with: .color(.secondary.opacity(0.3)))
                    ctx.draw(Text(t.label).font(.caption2).foregroundStyle(.secondary), at: CGPoint(x: f.left - 4, y: y), anchor: .trailing)
                }
                let pts = f.line(chart)
                if pts.count > 1 {
                    ctx.stroke(Path { p in p.addLines(pts) }, with: .color(.accentColor), lineWidth: 2)
                }
                if pts.count <= 40 {
                    for pt in pts { ctx.fill(Path(ellipseIn: CGRect(x: pt.x - 3, y: pt.y - 3, width: 6, height: 6)), with: .color(.accentColor)) }
                }
            }
            .frame(height: 200)
            .accessibilityLabel(chart.points.last.map { "\(chart.title): latest \(plainNumber($0.value)) \(chart.unit) on \($0.date)" } ?? chart.emptyText)
            if let band = chart.band { Text(band.label).font(.caption).foregroundStyle(.secondary) }
            if chart.points.isEmpty { Text(chart.emptyText).font(.caption).foregroundStyle(.secondary) }
        }
    }
}
