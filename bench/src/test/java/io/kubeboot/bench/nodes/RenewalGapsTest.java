package io.kubeboot.bench.nodes;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RenewalGapsTest {
    private static final long LIMIT = 40_000;

    @Test
    void regularRenewalsEvery10sStayWithinTheLeaseDuration() {
        RenewalGaps g = new RenewalGaps();
        g.start("n-0", 1_000, 5_000);
        g.start("n-1", 4_000, 5_000);
        for (int i = 1; i <= 6; i++) {
            g.seen("n-0", 1_000 + i * 10_000L);
            g.seen("n-1", 4_000 + i * 10_000L);
        }

        RenewalGaps.Summary s = g.finish(65_000, LIMIT);

        assertThat(s.leases()).isEqualTo(2);
        assertThat(s.renewals()).isEqualTo(12);
        assertThat(s.minPerLease()).isEqualTo(6);
        assertThat(s.maxPerLease()).isEqualTo(6);
        assertThat(s.intervals().p50()).isEqualTo(10_000);
        assertThat(s.maxGapMillis()).isEqualTo(10_000);
        assertThat(s.leasesOverLimit()).isZero();
        assertThat(s.allWithinLimit()).isTrue();
    }

    @Test
    void aLeaseThatStopsRenewingShowsTheOpenGapToTheWindowEnd() {
        RenewalGaps g = new RenewalGaps();
        g.start("n-0", 0, 0);
        g.start("n-1", 0, 0);
        g.seen("n-0", 10_000);
        g.seen("n-1", 10_000);
        g.seen("n-1", 20_000);
        g.seen("n-1", 30_000);
        g.seen("n-1", 40_000);
        g.seen("n-1", 50_000);

        RenewalGaps.Summary s = g.finish(60_000, LIMIT);

        assertThat(s.maxGapMillis()).isEqualTo(50_000);
        assertThat(s.maxGapLease()).isEqualTo("n-0");
        assertThat(s.leasesOverLimit()).isEqualTo(1);
        assertThat(s.minPerLease()).isEqualTo(1);
        assertThat(s.allWithinLimit()).isFalse();
    }

    @Test
    void onlyAnAdvancingRenewTimeIsARenewal() {
        RenewalGaps g = new RenewalGaps();
        g.start("n-0", 10_000, 12_000);
        g.seen("n-0", 10_000);  // same renewTime: another field changed
        g.seen("n-0", 9_000);   // older: an event out of order
        g.seen("n-0", -1);      // no renewTime

        RenewalGaps.Summary s = g.finish(15_000, LIMIT);

        assertThat(s.renewals()).isZero();
        assertThat(s.intervals().count()).isZero();
        assertThat(s.maxGapMillis()).isEqualTo(5_000);
    }

    @Test
    void aLeaseWithoutRenewTimeCountsFromTheWindowStart_andOneFirstSeenInTheWindowFromItsFirstRenewal() {
        RenewalGaps g = new RenewalGaps();
        g.start("n-0", -1, 5_000);
        g.seen("n-new", 20_000);
        g.seen("n-new", 30_000);

        RenewalGaps.Summary s = g.finish(50_000, LIMIT);

        assertThat(s.leases()).isEqualTo(2);
        assertThat(s.maxGapMillis()).isEqualTo(45_000);
        assertThat(s.maxGapLease()).isEqualTo("n-0");
        assertThat(s.renewals()).isEqualTo(1);
        assertThat(s.leasesOverLimit()).isEqualTo(1);
    }

    @Test
    void noLeasesIsNotWithinLimit() {
        assertThat(new RenewalGaps().finish(1_000, LIMIT).allWithinLimit()).isFalse();
    }
}
