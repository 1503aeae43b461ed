package dev.eider.lmdiskann;

/**
 * One search's knobs.
 *
 * @param k           results wanted (top-k); radius search ignores it
 * @param searchL     beam width; 0 means the index default
 * @param allowed     the ids a filtered search may return; {@code null} for no filter
 * @param visitBudget most blocks a filtered or radius search explores before exact completion; 0 means automatic
 */
public record SearchParams(int k, int searchL, AllowedIds allowed, int visitBudget) {

    public SearchParams {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (searchL < 0) {
            throw new IllegalArgumentException("search_l must not be negative, got " + searchL);
        }
        if (visitBudget < 0) {
            throw new IllegalArgumentException("visit budget must not be negative, got " + visitBudget);
        }
    }

    public static SearchParams top(int k) {
        return new SearchParams(k, 0, null, 0);
    }

    public SearchParams withSearchL(int l) {
        return new SearchParams(k, l, allowed, visitBudget);
    }

    public SearchParams withAllowed(AllowedIds ids) {
        return new SearchParams(k, searchL, ids, visitBudget);
    }

    public SearchParams withVisitBudget(int budget) {
        return new SearchParams(k, searchL, allowed, budget);
    }
}
