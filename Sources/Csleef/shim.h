// SLEEF's deterministic exp and log over whole buffers, at the widest vector width the CPU has.
//
// Only SLEEF's "cinz" functions are called: its deterministic variants computed without fused
// multiply-adds, which give the same bits at every width and on every instruction set (SSE2, AVX,
// AVX-512F, and the portable C scalar one), so a notebook prints the same bytes on every x86-64
// machine. (The "finz" variants, faster with AVX-512, need FMA even in their scalar form.)
// sleef.h declares the AVX and AVX-512 functions only when the including file is compiled for
// those instruction sets; one binary for every x86-64 CPU chooses at run time, so the few
// functions used are declared here, each vector loop compiled for its own instruction set.
#ifndef CAHIER_SLEEF_SHIM_H
#define CAHIER_SLEEF_SHIM_H

#include <stddef.h>
#include <string.h>

double Sleef_cinz_expd1_u10purec(double);
double Sleef_cinz_logd1_u10purec(double);

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

__m128d Sleef_cinz_expd2_u10sse2(__m128d);
__m128d Sleef_cinz_logd2_u10sse2(__m128d);
__attribute__((target("avx"))) __m256d Sleef_cinz_expd4_u10avx(__m256d);
__attribute__((target("avx"))) __m256d Sleef_cinz_logd4_u10avx(__m256d);
__attribute__((target("avx512f"))) __m512d Sleef_cinz_expd8_u10avx512fnofma(__m512d);
__attribute__((target("avx512f"))) __m512d Sleef_cinz_logd8_u10avx512fnofma(__m512d);
#endif

/// The widest vector, in doubles, that this CPU and its operating system run: 8 (AVX-512F),
/// 4 (AVX), 2 (SSE2, every x86-64 CPU), or 1 elsewhere (SLEEF's portable C).
static inline int cahier_sleef_widest(void) {
#if defined(__x86_64__)
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 2;
    int osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
    if (!osxsave || !avx) return 2;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 0x6) != 0x6) return 2;                      // the OS saves the SSE and AVX registers
    if (__get_cpuid_max(0, 0) >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        if (((b >> 16) & 1) && (lo & 0xE6) == 0xE6) return 8;  // AVX-512F, and its registers saved
    }
    return 4;
#else
    return 1;
#endif
}

/// exp(709.782712893384), the largest finite result, is where SLEEF 3.5.1 gives +inf from
/// 709.78271114955742909 on: from there to the true threshold exp is computed here as
/// 2¹⁰²³·exp(r), r = x − 1023·ln 2 with ln 2 split so that x − 1023·ln2hi is exact (Sterbenz).
static inline double cahier_sleef_exp_near_overflow(double x) {
    if (!(x <= 0x1.62e42fefa39efp+9)) return Sleef_cinz_expd1_u10purec(x);
    const double ln2hi = 0x1.62e42feep-1, ln2lo = 0x1.a39ef35793c76p-33;  // fdlibm's split of ln 2
    double high = 1023.0 * ln2hi;   // exact: 32 + 10 significant bits
    double r = x - high;            // exact: x and 1023·ln2hi are within a factor of 2
    double low = 1023.0 * ln2lo;
    r = r - low;                    // each operation rounded on its own: no fused multiply-add
    return Sleef_cinz_expd1_u10purec(r) * 0x1p1023;
}

#define CAHIER_SLEEF_EXP_BOUND 709.78271114955742909217217426

static inline double cahier_sleef_exp1(double x) {
    return x > CAHIER_SLEEF_EXP_BOUND ? cahier_sleef_exp_near_overflow(x) : Sleef_cinz_expd1_u10purec(x);
}

static inline double cahier_sleef_log1(double x) { return Sleef_cinz_logd1_u10purec(x); }

#if defined(__x86_64__)
// Each loop reads a vector then writes it: `y` may be `x` (in place). The last partial vector is
// padded with ones and computed whole; its lanes give the same bits as any other width would.
#define CAHIER_SLEEF_LOOP(W, VEC, LOAD, STORE, F, IS_EXP, ABOVE)                        \
    size_t i = 0;                                                                        \
    for (; i + W <= n; i += W) {                                                         \
        VEC v = LOAD(x + i);                                                             \
        if (IS_EXP && ABOVE(v)) {                                                        \
            double in[W];                                                                \
            STORE(in, v);                                                                \
            STORE(y + i, F(v));                                                          \
            for (size_t j = 0; j < W; j++)                                               \
                if (in[j] > CAHIER_SLEEF_EXP_BOUND) y[i + j] = cahier_sleef_exp1(in[j]); \
        } else {                                                                         \
            STORE(y + i, F(v));                                                          \
        }                                                                                \
    }                                                                                    \
    if (i < n) {                                                                         \
        double pad[W];                                                                   \
        for (size_t j = 0; j < W; j++) pad[j] = i + j < n ? x[i + j] : 1.0;              \
        STORE(pad, F(LOAD(pad)));                                                        \
        for (size_t j = i; j < n; j++) y[j] = (IS_EXP && x[j] > CAHIER_SLEEF_EXP_BOUND) ? cahier_sleef_exp1(x[j]) : pad[j - i]; \
    }

__attribute__((target("avx512f"))) static inline int cahier_sleef_above8(__m512d v) {
    return _mm512_cmp_pd_mask(v, _mm512_set1_pd(CAHIER_SLEEF_EXP_BOUND), _CMP_GT_OQ) != 0;
}
__attribute__((target("avx"))) static inline int cahier_sleef_above4(__m256d v) {
    return _mm256_movemask_pd(_mm256_cmp_pd(v, _mm256_set1_pd(CAHIER_SLEEF_EXP_BOUND), _CMP_GT_OQ)) != 0;
}
static inline int cahier_sleef_above2(__m128d v) {
    return _mm_movemask_pd(_mm_cmpgt_pd(v, _mm_set1_pd(CAHIER_SLEEF_EXP_BOUND))) != 0;
}

__attribute__((target("avx512f"))) static inline void cahier_sleef_exp8(const double *x, double *y, size_t n) {
    CAHIER_SLEEF_LOOP(8, __m512d, _mm512_loadu_pd, _mm512_storeu_pd, Sleef_cinz_expd8_u10avx512fnofma, 1, cahier_sleef_above8)
}
__attribute__((target("avx"))) static inline void cahier_sleef_exp4(const double *x, double *y, size_t n) {
    CAHIER_SLEEF_LOOP(4, __m256d, _mm256_loadu_pd, _mm256_storeu_pd, Sleef_cinz_expd4_u10avx, 1, cahier_sleef_above4)
}
static inline void cahier_sleef_exp2(const double *x, double *y, size_t n) {
    CAHIER_SLEEF_LOOP(2, __m128d, _mm_loadu_pd, _mm_storeu_pd, Sleef_cinz_expd2_u10sse2, 1, cahier_sleef_above2)
}
__attribute__((target("avx512f"))) static inline void cahier_sleef_log8(const double *x, double *y, size_t n) {
    CAHIER_SLEEF_LOOP(8, __m512d, _mm512_loadu_pd, _mm512_storeu_pd, Sleef_cinz_logd8_u10avx512fnofma, 0, cahier_sleef_above8)
}
__attribute__((target("avx"))) static inline void cahier_sleef_log4(const double *x, double *y, size_t n) {
    CAHIER_SLEEF_LOOP(4, __m256d, _mm256_loadu_pd, _mm256_storeu_pd, Sleef_cinz_logd4_u10avx, 0, cahier_sleef_above4)
}
static inline void cahier_sleef_log2(const double *x, double *y, size_t n) {
    CAHIER_SLEEF_LOOP(2, __m128d, _mm_loadu_pd, _mm_storeu_pd, Sleef_cinz_logd2_u10sse2, 0, cahier_sleef_above2)
}
#endif

/// y[i] = exp(x[i]) for i < n, at `width` doubles a vector (8, 4, 2 or 1; a width wider than
/// ``cahier_sleef_widest()`` must not be asked for). `y` may be `x`.
static inline void cahier_sleef_exp(const double *x, double *y, size_t n, int width) {
#if defined(__x86_64__)
    if (width >= 8) { cahier_sleef_exp8(x, y, n); return; }
    if (width >= 4) { cahier_sleef_exp4(x, y, n); return; }
    if (width >= 2) { cahier_sleef_exp2(x, y, n); return; }
#endif
    for (size_t i = 0; i < n; i++) y[i] = cahier_sleef_exp1(x[i]);
}

/// y[i] = log(x[i]) for i < n, as ``cahier_sleef_exp``.
static inline void cahier_sleef_log(const double *x, double *y, size_t n, int width) {
#if defined(__x86_64__)
    if (width >= 8) { cahier_sleef_log8(x, y, n); return; }
    if (width >= 4) { cahier_sleef_log4(x, y, n); return; }
    if (width >= 2) { cahier_sleef_log2(x, y, n); return; }
#endif
    for (size_t i = 0; i < n; i++) y[i] = cahier_sleef_log1(x[i]);
}

#endif
