// Summary statistics every benchmark reports (median, spread, tail), computed one way for all.
#pragma once

#include <sys/stat.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace kiosk::bench {

/// Order statistics of one series of measurements. Quantiles are the nearest rank on the
/// sorted values (index round(q·(n−1))), so a median of an even count is the upper middle
/// value and p99 of fewer than 100 values is close to the maximum: figures stay values
/// that were really measured, never interpolations.
struct Summary {
    size_t n = 0;
    double median = 0, p10 = 0, p90 = 0, p99 = 0, min = 0, max = 0, mean = 0;
    std::vector<double> sorted;  ///< the values, ascending

    /// How many values exceed `limit` (e.g. frames over the 8 ms budget).
    size_t over(double limit) const {
        return size_t(sorted.end() - std::upper_bound(sorted.begin(), sorted.end(), limit));
    }
};

/// Value at quantile `q` (0..1) of already sorted values; 0 for none.
inline double quantile(const std::vector<double>& sorted, double q) {
    if (sorted.empty()) return 0;
    size_t i = size_t(q * double(sorted.size() - 1) + 0.5);
    return sorted[std::min(sorted.size() - 1, i)];
}

inline Summary summarize(std::vector<double> v) {
    Summary s;
    std::sort(v.begin(), v.end());
    s.n = v.size();
    if (!v.empty()) {
        s.median = quantile(v, 0.5);
        s.p10 = quantile(v, 0.1);
        s.p90 = quantile(v, 0.9);
        s.p99 = quantile(v, 0.99);
        s.min = v.front();
        s.max = v.back();
        double sum = 0;
        for (double x : v) sum += x;
        s.mean = sum / double(v.size());
    }
    s.sorted = std::move(v);
    return s;
}

/// Modification time of `path` in ms since the epoch, or -1 when it does not exist. Journey
/// benchmarks time the kiosk's own screenshot files: each is written the moment its step runs.
inline double mtime_ms(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return -1;
    return double(st.st_mtim.tv_sec) * 1000.0 + double(st.st_mtim.tv_nsec) / 1e6;
}

}  // namespace kiosk::bench
