// The Ice for C++ side of the client benchmark: THREADS threads each call opString("hello", "world") in a loop
// (synchronous twoway, one proxy, so one connection), checking every result, against any server of the contract.
//   client-bench --host=H --port=N --threads=T --seconds=S --warmup=W
// prints: calls=N rps=X p50_ms=X p99_ms=X cpu=X      (cpu: this process's CPU-seconds per second)
// Steward's client benchmark prints the same line for the same flags, so run.sh treats both alike.
#include <Ice/Ice.h>
#include <StewardTest.h>

#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace
{

using Clock = std::chrono::steady_clock;
constexpr std::size_t Buckets = 1000000; // 1 µs buckets up to 1 s

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

std::string flag(int argc, char* argv[], const std::string& name, const std::string& fallback)
{
    auto prefix = "--" + name + "=";
    for (int i = 1; i < argc; ++i)
    {
        std::string arg = argv[i];
        if (arg.rfind(prefix, 0) == 0)
        {
            return arg.substr(prefix.size());
        }
    }
    return fallback;
}

}

int main(int argc, char* argv[])
{
    auto host = flag(argc, argv, "host", "127.0.0.1");
    auto port = flag(argc, argv, "port", "");
    int threads = std::stoi(flag(argc, argv, "threads", "8"));
    int seconds = std::stoi(flag(argc, argv, "seconds", "10"));
    int warmup = std::stoi(flag(argc, argv, "warmup", "5"));
    if (port.empty() || threads < 1 || seconds < 1 || warmup < 0)
    {
        std::cerr << "usage: client-bench --host=H --port=N --threads=T --seconds=S --warmup=W" << std::endl;
        return 2;
    }
    try
    {
        Ice::InitializationData init;
        init.properties = Ice::createProperties();
        init.properties->setProperty("Ice.ACM.Close", "0");
        init.properties->setProperty("Ice.ACM.Heartbeat", "0");
        // Replies are handled on Ice's client thread pool; one thread per caller keeps it from being the limit.
        init.properties->setProperty("Ice.ThreadPool.Client.Size", std::to_string(threads));
        Ice::CommunicatorHolder holder(init);
        auto prx = Ice::uncheckedCast<Test::OperationsPrx>(holder->stringToProxy("test:tcp -h " + host + " -p " + port));
        prx->ice_ping();

        auto start = Clock::now();
        auto measureFrom = start + std::chrono::seconds(warmup);
        auto end = measureFrom + std::chrono::seconds(seconds);
        std::vector<std::vector<std::uint32_t>> histograms(static_cast<std::size_t>(threads), std::vector<std::uint32_t>(Buckets));
        std::vector<std::uint64_t> counts(static_cast<std::size_t>(threads));
        std::atomic<bool> wrong{false};
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t)
        {
            workers.emplace_back([&, t] {
                auto& histogram = histograms[static_cast<std::size_t>(t)];
                std::uint64_t count = 0;
                std::string ba;
                while (!wrong)
                {
                    auto before = Clock::now();
                    if (before >= end)
                    {
                        break;
                    }
                    std::string ab;
                    try
                    {
                        ab = prx->opString("hello", "world", ba);
                    }
                    catch (const std::exception& e)
                    {
                        std::cerr << "client-bench: " << e.what() << std::endl;
                        wrong = true;
                        break;
                    }
                    auto after = Clock::now();
                    if (ab != "helloworld" || ba != "worldhello")
                    {
                        std::cerr << "client-bench: opString returned the wrong strings" << std::endl;
                        wrong = true;
                        break;
                    }
                    if (before >= measureFrom && after < end)
                    {
                        auto us = static_cast<std::size_t>(std::chrono::duration_cast<std::chrono::microseconds>(after - before).count());
                        histogram[us < Buckets ? us : Buckets - 1]++;
                        ++count;
                    }
                }
                counts[static_cast<std::size_t>(t)] = count;
            });
        }
        std::this_thread::sleep_until(measureFrom);
        double cpu0 = cpuSeconds();
        std::this_thread::sleep_until(end);
        double cpu = cpuSeconds() - cpu0;
        for (auto& w : workers)
        {
            w.join();
        }
        if (wrong)
        {
            return 1;
        }
        std::uint64_t calls = 0;
        for (auto c : counts)
        {
            calls += c;
        }
        double p50 = 0;
        double p99 = 0;
        std::uint64_t seen = 0;
        for (std::size_t us = 0; us < Buckets; ++us)
        {
            for (const auto& h : histograms)
            {
                seen += h[us];
            }
            if (p50 == 0 && seen * 2 >= calls)
            {
                p50 = static_cast<double>(us) / 1000.0;
            }
            if (seen * 100 >= calls * 99)
            {
                p99 = static_cast<double>(us) / 1000.0;
                break;
            }
        }
        std::printf("calls=%llu rps=%.0f p50_ms=%.3f p99_ms=%.3f cpu=%.2f\n", static_cast<unsigned long long>(calls),
                    static_cast<double>(calls) / seconds, p50, p99, cpu / seconds);
        return calls > 0 ? 0 : 1;
    }
    catch (const std::exception& e)
    {
        std::cerr << "client-bench: " << e.what() << std::endl;
        return 1;
    }
}
