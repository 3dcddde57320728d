// The omniORB 4.2 side of the client benchmark: THREADS threads each call opString("hello", "world") in a loop
// (synchronous twoway, one object reference), checking every result, against any server of the contract. omniORB
// opens a connection per concurrent call up to its maxGIOPConnectionPerServer (default 5) and queues the rest.
//   client-bench --ior-file=F|--ior=IOR:... --threads=T --seconds=S --warmup=W
// prints: calls=N rps=X p50_ms=X p99_ms=X cpu=X      (cpu: this process's CPU-seconds per second)
// Steward's client benchmark is to print the same line for the same flags, so run.sh treats both alike.
#include <omniORB4/CORBA.h>
#include <StewardTest.hh>

#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
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

} // namespace

int main(int argc, char* argv[])
{
    auto ior = flag(argc, argv, "ior", "");
    auto iorFile = flag(argc, argv, "ior-file", "");
    int threads = std::stoi(flag(argc, argv, "threads", "8"));
    int seconds = std::stoi(flag(argc, argv, "seconds", "10"));
    int warmup = std::stoi(flag(argc, argv, "warmup", "5"));
    if (ior.empty() && !iorFile.empty())
    {
        std::ifstream in(iorFile);
        std::getline(in, ior);
    }
    if (ior.empty() || threads < 1 || seconds < 1 || warmup < 0)
    {
        std::cerr << "usage: client-bench --ior-file=F|--ior=IOR:... --threads=T --seconds=S --warmup=W" << std::endl;
        return 2;
    }
    try
    {
        int orbArgc = 1;
        char* orbArgv[] = {argv[0], nullptr};
        CORBA::ORB_var orb = CORBA::ORB_init(orbArgc, orbArgv, "omniORB4");
        CORBA::Object_var object = orb->string_to_object(ior.c_str());
        Test::Operations_var prx = Test::Operations::_narrow(object);
        if (CORBA::is_nil(prx))
        {
            std::cerr << "client-bench: the reference is nil or not a Test::Operations" << std::endl;
            return 1;
        }
        prx->ping();

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
                while (!wrong)
                {
                    auto before = Clock::now();
                    if (before >= end)
                    {
                        break;
                    }
                    CORBA::String_var ab;
                    CORBA::String_var ba;
                    try
                    {
                        ab = prx->opString("hello", "world", ba.out());
                    }
                    catch (const CORBA::Exception& e)
                    {
                        std::cerr << "client-bench: opString raised " << e._name() << std::endl;
                        wrong = true;
                        break;
                    }
                    auto after = Clock::now();
                    if (std::strcmp(ab.in(), "helloworld") != 0 || std::strcmp(ba.in(), "worldhello") != 0)
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
        orb->destroy();
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
    catch (const CORBA::Exception& e)
    {
        std::cerr << "client-bench: " << e._name() << std::endl;
        return 1;
    }
}
