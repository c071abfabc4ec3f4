#!/usr/bin/perl
# Makes Tests/Fixtures/captured/lwp-written-by-libwww-perl.txt: libwww-perl's HTTP::Cookies
# (Debian libhttp-cookies-perl) extracts real Set-Cookie headers the way LWP::UserAgent does
# for a response to http://www.example.com/app/page, then saves its jar (#LWP-Cookies-1.0).
# Run from the repository root: perl Tests/Fixtures/generate/capture_lwp_perl.pl
use strict;
use warnings;
use HTTP::Cookies;
use HTTP::Request;
use HTTP::Response;

my $out = "Tests/Fixtures/captured/lwp-written-by-libwww-perl.txt";
unlink $out;
my $jar = HTTP::Cookies->new(file => $out, autosave => 0, ignore_discard => 1);
my $res = HTTP::Response->new(200, "OK");
$res->request(HTTP::Request->new(GET => "http://www.example.com/app/page"));
$res->push_header("Set-Cookie" => "sid=31d4d96e407aad42; Path=/; HttpOnly");
$res->push_header("Set-Cookie" => "lang=en-US; Domain=example.com; Path=/; Expires=Wed, 09 Jun 2027 10:18:14 GMT");
$res->push_header("Set-Cookie" => "theme=\"dark mode\"; Path=/app; Secure; SameSite=Lax");
$res->push_header("Set-Cookie" => "pref=a\\b; Path=/app/x; Expires=Thu, 01 Jan 2037 00:00:00 GMT");
$res->push_header("Set-Cookie" => "empty=; Path=/");
$jar->extract_cookies($res);
$jar->save;
print "wrote $out\n";
