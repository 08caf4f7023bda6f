--TEST--
Profiles::fromDatabase() in a build without --with-segment-mysql: valid arguments give a Segment\DatabaseError that says how to enable it; php --ri says disabled
--EXTENSIONS--
segment
--SKIPIF--
<?php ob_start(); (new ReflectionExtension('segment'))->info(); if (str_contains(ob_get_clean(), 'enabled (client library')) die('skip built with MySQL support');
--FILE--
<?php
ob_start();
(new ReflectionExtension('segment'))->info();
preg_match('/^MySQL.*$/m', ob_get_clean(), $m);
echo $m[0], "\n";
try {
    Segment\Profiles::fromDatabase('mysql://u:p@127.0.0.1/shop', ['platform' => 'prestashop']);
} catch (Segment\DatabaseError $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
?>
--EXPECT--
MySQL/MariaDB source (Profiles::fromDatabase) => disabled (build with ./configure --with-segment-mysql)
Segment\DatabaseError: Profiles::fromDatabase() needs MySQL/MariaDB support, and this build of segment has none: rebuild with ./configure --with-segment-mysql (Debian: default-libmysqlclient-dev)
