package io.kubeboot.scheduler.plugins.podtopologyspread;

/**
 * The two topology values with the fewest matching pods for one constraint, as upstream's
 * {@code criticalPaths}: {@code num(0)} is always the minimum; {@code num(1)} is at least that but not
 * necessarily the second minimum. Two entries suffice because preemption changes one node at a time on its
 * own copy of the state. Not thread safe; copied with the PreFilter state.
 */
final class CriticalPaths {
    /** Upstream starts both entries at math.MaxInt32. */
    static final int UNSET = Integer.MAX_VALUE;

    private final String[] values = {"", ""};
    private final int[] nums = {UNSET, UNSET};

    String value(int i) {
        return values[i];
    }

    int num(int i) {
        return nums[i];
    }

    void update(String tpVal, int num) {
        int i = tpVal.equals(values[0]) ? 0 : tpVal.equals(values[1]) ? 1 : -1;
        if (i >= 0) {
            nums[i] = num;
            if (nums[0] > nums[1]) {
                swap();
            }
        } else if (num < nums[0]) {
            values[1] = values[0];
            nums[1] = nums[0];
            values[0] = tpVal;
            nums[0] = num;
        } else if (num < nums[1]) {
            values[1] = tpVal;
            nums[1] = num;
        }
    }

    private void swap() {
        String v = values[0];
        values[0] = values[1];
        values[1] = v;
        int n = nums[0];
        nums[0] = nums[1];
        nums[1] = n;
    }

    CriticalPaths copy() {
        CriticalPaths c = new CriticalPaths();
        System.arraycopy(values, 0, c.values, 0, 2);
        System.arraycopy(nums, 0, c.nums, 0, 2);
        return c;
    }

    @Override
    public String toString() {
        return "[{" + values[0] + " " + nums[0] + "} {" + values[1] + " " + nums[1] + "}]";
    }
}
