package io.kubeboot.scheduler.plugins.noderesources;

import java.util.List;

/**
 * Upstream's {@code helper.BuildBrokenLinearFunction}: a function of utilization made of line segments
 * between the shape points; the first point's score below the first utilization, the last point's
 * score above the last one. Integer arithmetic, as upstream.
 */
final class BrokenLinearFunction {
    /** A point with its score already on the scheduler's 0..100 scale. */
    record Point(long utilization, long score) {
    }

    private final List<Point> shape;

    BrokenLinearFunction(List<Point> shape) {
        if (shape.isEmpty()) {
            throw new IllegalArgumentException("at least one point must be specified");
        }
        this.shape = List.copyOf(shape);
    }

    long apply(long p) {
        for (int i = 0; i < shape.size(); i++) {
            Point cur = shape.get(i);
            if (p <= cur.utilization()) {
                if (i == 0) {
                    return cur.score();
                }
                Point prev = shape.get(i - 1);
                return prev.score() + (cur.score() - prev.score()) * (p - prev.utilization())
                        / (cur.utilization() - prev.utilization());
            }
        }
        return shape.get(shape.size() - 1).score();
    }
}
