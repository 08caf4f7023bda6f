dnl config.m4 for extension segment

PHP_ARG_ENABLE([segment],
  [whether to enable segment support],
  [AS_HELP_STRING([--enable-segment], [Enable segment support])])

if test "$PHP_SEGMENT" != "no"; then
  dnl Keep these lists equal to config.w32's (scripts/check-sources.sh).
  SEGMENT_SOURCES="segment.c segment_ruleset.c segment_value.c segment_cache.c segment_profiles.c segment_csv.c segment_rfm.c segment_kmeans.c segment_model.c segment_context.c"
  SEGMENT_CORE_SOURCES="src/seg_value.c src/seg_arena.c src/seg_error.c src/seg_lex.c src/seg_parse.c src/seg_compile.c src/seg_vm.c src/seg_func.c src/seg_ruleset.c src/seg_profile.c src/seg_rfm.c src/seg_csv.c src/seg_datefmt.c src/seg_sort.c src/seg_profile_order.c src/seg_scale.c src/seg_kquality.c src/seg_kdescribe.c src/seg_kmodel.c src/seg_kmeans.c src/seg_knearest.c src/seg_prng.c src/seg_context.c"

  PHP_ADD_LIBRARY(m, 1, SEGMENT_SHARED_LIBADD)

  dnl k-means (src/seg_kmeans.c) runs its optional second thread with
  dnl pthreads; without them it is built single-threaded (same results).
  dnl Its results must not depend on whether the compiler fuses a * b + c
  dnl into one rounding (gnu11 allows it when FMA is enabled): contract off.
  SEGMENT_KMEANS_CFLAGS=""
  AC_CHECK_FUNC([pthread_create], [], [
    PHP_CHECK_LIBRARY(pthread, pthread_create,
      [PHP_ADD_LIBRARY(pthread, 1, SEGMENT_SHARED_LIBADD)],
      [SEGMENT_KMEANS_CFLAGS="-DSEG_KMEANS_NO_THREADS"])
  ])
  AX_CHECK_COMPILE_FLAG([-ffp-contract=off],
    [SEGMENT_KMEANS_CFLAGS="$SEGMENT_KMEANS_CFLAGS -ffp-contract=off"])
  PHP_SUBST(SEGMENT_SHARED_LIBADD)

  dnl gnu11: C11 plus the computed goto the VM uses under __GNUC__.
  dnl -Wno-unused-parameter as php-src: Zend's function macros declare
  dnl parameters many handlers ignore (tests/c builds the core without it).
  PHP_NEW_EXTENSION(segment, $SEGMENT_SOURCES $SEGMENT_CORE_SOURCES, $ext_shared,,
    [-std=gnu11 -Wall -Wextra -Wno-unused-parameter -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1 $SEGMENT_KMEANS_CFLAGS])
  PHP_ADD_INCLUDE([$ext_srcdir/src])
  PHP_ADD_BUILD_DIR([$ext_builddir/src])
fi
