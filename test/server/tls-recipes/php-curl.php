<?php
// The PHP curl recipe: the CA by CURLOPT_CAINFO, the real host name by CURLOPT_RESOLVE (what a
// hosts entry does). Prints the answer's body; exits 1 on a curl error (a refused certificate).
// Usage: php php-curl.php <ca.pem> <port> <json body>
[, $ca, $port, $body] = $argv;
$ch = curl_init("https://json.aspsms.com:$port/CheckCredits");
curl_setopt($ch, CURLOPT_CAINFO, $ca);
curl_setopt($ch, CURLOPT_RESOLVE, ["json.aspsms.com:$port:127.0.0.1"]);
curl_setopt($ch, CURLOPT_POST, true);
curl_setopt($ch, CURLOPT_POSTFIELDS, $body);
curl_setopt($ch, CURLOPT_HTTPHEADER, ['Content-Type: application/json']);
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
$answer = curl_exec($ch);
if ($answer === false) {
    fwrite(STDERR, curl_error($ch) . "\n");
    exit(1);
}
echo $answer;
