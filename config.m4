dnl config.m4 for extension segment

PHP_ARG_ENABLE([segment],
  [whether to enable segment support],
  [AS_HELP_STRING([--enable-segment], [Enable segment support])])

dnl Optional: Segment\Profiles::fromDatabase() reads MySQL/MariaDB with the
dnl C client library (libmariadb or libmysqlclient).  Without it the method
dnl throws Segment\DatabaseError.  --with-segment-mysql finds the library
dnl with mariadb_config, mysql_config or pkg-config (in that order);
dnl --with-segment-mysql=/path/to/mysql_config names the tool.
PHP_ARG_WITH([segment-mysql],
  [whether segment reads MySQL/MariaDB],
  [AS_HELP_STRING([[--with-segment-mysql[=CONFIG]]],
    [segment: MySQL/MariaDB source through libmariadb or libmysqlclient (CONFIG: path to mariadb_config or mysql_config)])],
  [no],
  [no])

if test "$PHP_SEGMENT" != "no"; then
  dnl Keep these lists equal to config.w32's (scripts/check-sources.sh).
  SEGMENT_SOURCES="segment.c segment_ruleset.c segment_value.c segment_cache.c segment_profiles.c segment_csv.c segment_rfm.c segment_kmeans.c segment_model.c segment_context.c segment_mysql.c segment_store.c"
  SEGMENT_CORE_SOURCES="src/seg_value.c src/seg_arena.c src/seg_error.c src/seg_lex.c src/seg_parse.c src/seg_compile.c src/seg_vm.c src/seg_func.c src/seg_ruleset.c src/seg_profile.c src/seg_rfm.c src/seg_csv.c src/seg_datefmt.c src/seg_sort.c src/seg_profile_order.c src/seg_scale.c src/seg_kquality.c src/seg_kdescribe.c src/seg_kmodel.c src/seg_kmeans.c src/seg_knearest.c src/seg_prng.c src/seg_context.c src/seg_dsn.c src/seg_shopdb.c src/seg_idmap.c"

  PHP_ADD_LIBRARY(m, 1, SEGMENT_SHARED_LIBADD)

  if test "$PHP_SEGMENT_MYSQL" != "no"; then
    AC_MSG_CHECKING([for the MySQL/MariaDB client library])
    SEGMENT_MYSQL_CFLAGS=""
    SEGMENT_MYSQL_LIBS=""
    if test "$PHP_SEGMENT_MYSQL" != "yes" && test -x "$PHP_SEGMENT_MYSQL"; then
      SEGMENT_MYSQL_CFLAGS=`"$PHP_SEGMENT_MYSQL" --include`
      SEGMENT_MYSQL_LIBS=`"$PHP_SEGMENT_MYSQL" --libs`
    else
      for tool in mariadb_config mysql_config; do
        if test -z "$SEGMENT_MYSQL_LIBS" && command -v $tool >/dev/null 2>&1; then
          SEGMENT_MYSQL_CFLAGS=`$tool --include`
          SEGMENT_MYSQL_LIBS=`$tool --libs`
        fi
      done
      if test -z "$SEGMENT_MYSQL_LIBS"; then
        test -n "$PKG_CONFIG" || PKG_CONFIG=`command -v pkg-config`
      fi
      if test -z "$SEGMENT_MYSQL_LIBS" && test -n "$PKG_CONFIG"; then
        for pc in libmariadb mysqlclient; do
          if test -z "$SEGMENT_MYSQL_LIBS" && $PKG_CONFIG --exists $pc 2>/dev/null; then
            SEGMENT_MYSQL_CFLAGS=`$PKG_CONFIG --cflags $pc`
            SEGMENT_MYSQL_LIBS=`$PKG_CONFIG --libs $pc`
          fi
        done
      fi
    fi
    if test -z "$SEGMENT_MYSQL_LIBS"; then
      AC_MSG_RESULT([not found])
      AC_MSG_ERROR([--with-segment-mysql: no mariadb_config, mysql_config or pkg-config module libmariadb/mysqlclient; install default-libmysqlclient-dev (Debian) or pass --with-segment-mysql=/path/to/mysql_config])
    fi
    AC_MSG_RESULT([$SEGMENT_MYSQL_LIBS])
    old_CFLAGS=$CFLAGS
    old_LIBS=$LIBS
    CFLAGS="$CFLAGS $SEGMENT_MYSQL_CFLAGS"
    LIBS="$LIBS $SEGMENT_MYSQL_LIBS"
    AC_LINK_IFELSE([AC_LANG_PROGRAM([[#include <mysql.h>]], [[mysql_use_result(mysql_init(0));]])], [],
      [AC_MSG_ERROR([--with-segment-mysql: cannot build a program with mysql.h and $SEGMENT_MYSQL_LIBS (see config.log)])])
    CFLAGS=$old_CFLAGS
    LIBS=$old_LIBS
    PHP_EVAL_INCLINE($SEGMENT_MYSQL_CFLAGS)
    PHP_EVAL_LIBLINE($SEGMENT_MYSQL_LIBS, SEGMENT_SHARED_LIBADD)
    AC_DEFINE(HAVE_SEGMENT_MYSQL, 1, [segment reads MySQL/MariaDB (Profiles::fromDatabase)])
  fi

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

  dnl Only get_module() (ZEND_DLEXPORT) leaves the shared object: calls
  dnl between our own files then go straight to the function, not through
  dnl the PLT, and the symbols cannot clash with another extension's.
  SEGMENT_VISIBILITY=""
  AX_CHECK_COMPILE_FLAG([-fvisibility=hidden], [SEGMENT_VISIBILITY="-fvisibility=hidden"])

  dnl gnu11: C11 plus the computed goto the VM uses under __GNUC__.
  dnl -Wno-unused-parameter as php-src: Zend's function macros declare
  dnl parameters many handlers ignore (tests/c builds the core without it).
  PHP_NEW_EXTENSION(segment, $SEGMENT_SOURCES $SEGMENT_CORE_SOURCES, $ext_shared,,
    [-std=gnu11 -Wall -Wextra -Wno-unused-parameter -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1 $SEGMENT_KMEANS_CFLAGS $SEGMENT_VISIBILITY])
  PHP_ADD_INCLUDE([$ext_srcdir/src])
  PHP_ADD_BUILD_DIR([$ext_builddir/src])
fi
