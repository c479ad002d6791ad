// Issue 26, item 2: the products of workloads 5a and 5b and of the MLP at width 1024, timed in one
// library per process (built three times by run.sh: OpenBLAS, BLIS, libxsmm), so that no library's
// `dgemm_` stands in for another's. One round: each shape REPEATS times, the mean time per product
// printed as "shape<TAB>seconds". run.sh alternates the libraries round by round and takes medians.
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#if defined(USE_XSMM)
#include <libxsmm.h>
#else
#include <cblas.h>
#endif

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static double *random_matrix(int n) {
  double *a = malloc(sizeof(double) * n);
  for (int i = 0; i < n; i++) a[i] = (double)rand() / RAND_MAX - 0.5;
  return a;
}

// Row-major C(M×N) = beta·C + op(A)·B, op(A) = A (M×K) or, with transA, Aᵀ where A is K×M.
static void gemm(int transA, int M, int N, int K, const double *A, const double *B, double beta, double *C) {
#if defined(USE_XSMM)
  // Column-major view of the same product: Cᵀ (N×M) = Bᵀ (N×K) · op(A)ᵀ.
  char ta = 'N', tb = transA ? 'T' : 'N';
  double alpha = 1;
  int lda = N, ldb = transA ? M : K, ldc = N;
  libxsmm_dgemm(&ta, &tb, &N, &M, &K, &alpha, B, &lda, A, &ldb, &beta, C, &ldc);
#else
  cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, CblasNoTrans, M, N, K, 1.0, A, transA ? M : K, B, N, beta, C, N);
#endif
}

int main(int argc, char **argv) {
  int repeats = argc > 1 ? atoi(argv[1]) : 300;
  struct { const char *name; int transA, M, N, K; } shapes[] = {
    {"5a forward 1437x64 . 64x10", 0, 1437, 10, 64},
    {"5a gradient (1437x64)^T . 1437x10", 1, 64, 10, 1437},
    {"5b forward 32x64 . 64x128", 0, 32, 128, 64},
    {"5b gradient (32x64)^T . 32x128", 1, 64, 128, 32},
    {"5b output 32x128 . 128x10", 0, 32, 10, 128},
    {"width 1024 forward 32x64 . 64x1024", 0, 32, 1024, 64},
    {"width 1024 output 32x1024 . 1024x10", 0, 32, 10, 1024},
    {"256 x 256 x 256", 0, 256, 256, 256},
  };
  for (size_t k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
    int M = shapes[k].M, N = shapes[k].N, K = shapes[k].K;
    double *A = random_matrix(M * K), *B = random_matrix(K * N), *C = random_matrix(M * N);
    gemm(shapes[k].transA, M, N, K, A, B, 0, C);  // warm-up (and libxsmm's code generation)
    double start = now();
    for (int i = 0; i < repeats; i++) gemm(shapes[k].transA, M, N, K, A, B, (i & 1) ? 1.0 : 0.0, C);
    printf("%s\t%.9f\t%.0f\n", shapes[k].name, (now() - start) / repeats, 2.0 * M * N * K);
    free(A); free(B); free(C);
  }
  return 0;
}
