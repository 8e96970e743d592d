#pragma once

namespace camtwin::mqtt {

// Turns Nagle's algorithm off on this process's TCP sockets whose peer port is `port`, and
// returns how many it changed.
//
// Why: Paho C (1.3) leaves Nagle on and offers no hook for socket options. An MQTT client
// writes small packets back to back (the PUBACK of a command, then its result), and Nagle holds
// the second until the broker ACKs the first, which a delayed ACK puts off by 40 ms: each
// command's round trip took about 90 ms instead of about 1. Called after every connect. A socket
// of another peer on the same port (a camera) only loses Nagle, which libcurl turns off anyway.
int set_tcp_nodelay_towards(int port);

}  // namespace camtwin::mqtt
