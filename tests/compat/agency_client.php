<?php
// A subscriber client of the kind written for agency APIs: search, then each document
// in newsml29, read with SimpleXML exactly as such clients do, then the photo links.
// Usage: php agency_client.php BASE_URL USERNAME PASSWORD   (prints JSON on stdout)

const NAR = 'http://iptc.org/std/nar/2006-10-01/';
const NITF = 'http://iptc.org/std/NITF/2006-10-18/';

[$script, $base, $user, $pass] = $argv;
$auth = 'Authorization: Basic ' . base64_encode("$user:$pass");

function call(string $method, string $url, string $auth, ?string $form = null): array {
    $headers = [$auth];
    if ($form !== null) {
        $headers[] = 'Content-Type: application/x-www-form-urlencoded';
    }
    $context = stream_context_create(['http' => [
        'method' => $method, 'header' => implode("\r\n", $headers), 'content' => $form ?? '',
        'ignore_errors' => true, 'follow_location' => 1, 'timeout' => 30,
    ]]);
    $body = file_get_contents($url, false, $context);
    $status = 0;
    $type = '';
    foreach ($http_response_header as $line) {
        if (preg_match('#^HTTP/\S+ (\d{3})#', $line, $m)) {
            $status = (int) $m[1];  // the last one wins (after redirects)
        } elseif (stripos($line, 'Content-Type:') === 0) {
            $type = trim(substr($line, 13));
        }
    }
    return [$status, $type, $body];
}

function first(array|false|null $nodes): string {
    return ($nodes && isset($nodes[0])) ? (string) $nodes[0] : '';
}

[$status, , $body] = call('POST', "$base/abone/search/", $auth, http_build_query(['limit' => 100]));
if ($status !== 200) {
    fwrite(STDERR, "search answered $status: $body\n");
    exit(1);
}
$found = json_decode($body, true)['data']['result'];

$stories = [];
foreach ($found as $hit) {
    [$status, $type, $xmlText] = call('GET', "$base/abone/document/{$hit['id']}/newsml29", $auth);
    $story = ['id' => $hit['id'], 'language' => $hit['language'], 'status' => $status];
    $xml = simplexml_load_string($xmlText);
    if ($status !== 200 || $xml === false) {
        $stories[] = $story;
        continue;
    }
    $xml->registerXPathNamespace('n', NAR);
    $xml->registerXPathNamespace('nitf', NITF);
    $item = $xml->xpath('//n:newsItem')[0];
    $nitf = $xml->xpath('//nitf:nitf')[0];
    $content = (string) $nitf->body->{'body.content'};
    $story += [
        'code' => (string) $item['guid'],
        'headline' => first($xml->xpath('//n:contentMeta/n:headline')),
        'created_at' => first($xml->xpath('//n:itemMeta/n:versionCreated')),
        'content' => $content,
        'content_text' => trim(html_entity_decode(strip_tags($content), ENT_QUOTES | ENT_HTML5, 'UTF-8')),
        'summary' => (string) $nitf->body->{'body.head'}->abstract,
        'category' => first($xml->xpath('//n:subject/n:name[@xml:lang="tr"]')),
        'category_en' => first($xml->xpath('//n:subject/n:name[@xml:lang="en"]')),
        'category_ar' => first($xml->xpath('//n:subject/n:name[@xml:lang="ar"]')),
        'city' => first($xml->xpath('//n:contentMeta/n:located[@type="cptype:city"]/n:name[@xml:lang="tr"]')),
        'city_en' => first($xml->xpath('//n:contentMeta/n:located[@type="cptype:city"]/n:name[@xml:lang="en"]')),
        'city_ar' => first($xml->xpath('//n:contentMeta/n:located[@type="cptype:city"]/n:name[@xml:lang="ar"]')),
        'images' => [],
    ];
    foreach ($xml->xpath('//n:itemMeta/n:link[@rel="irel:seeAlso"]/@residref') ?: [] as $residref) {
        $image = ['id' => (string) $residref];
        foreach (['print', 'web'] as $size) {
            [$status, $type, $bytes] = call('GET', "$base/abone/document/{$image['id']}/$size", $auth);
            $image[$size] = [
                'status' => $status, 'type' => $type, 'bytes' => strlen((string) $bytes),
                'jpeg' => substr((string) $bytes, 0, 3) === "\xFF\xD8\xFF",
            ];
        }
        $story['images'][] = $image;
    }
    $stories[] = $story;
}
echo json_encode(['total' => count($found), 'stories' => $stories], JSON_UNESCAPED_UNICODE | JSON_PRETTY_PRINT), "\n";
