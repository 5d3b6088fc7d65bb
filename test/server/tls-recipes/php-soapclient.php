<?php
// The PHP SoapClient recipe: the CA by the stream context's ssl cafile, the WSDL fetched over
// HTTPS (it announces the https address it was fetched from), then a real operation.
// Prints CheckCredits' result; exits 1 on a SoapFault (a refused certificate included).
// Usage: php php-soapclient.php <ca.pem> <wsdl url> <user key> <password>
[, $ca, $wsdl, $userKey, $password] = $argv;
try {
    $client = new SoapClient($wsdl, [
        'stream_context' => stream_context_create(['ssl' => ['cafile' => $ca]]),
        'cache_wsdl' => WSDL_CACHE_NONE,
        'exceptions' => true,
    ]);
    $result = $client->CheckCredits(['UserKey' => $userKey, 'Password' => $password]);
    echo $result->CheckCreditsResult, "\n";
} catch (SoapFault $fault) {
    fwrite(STDERR, $fault->getMessage() . "\n");
    exit(1);
}
