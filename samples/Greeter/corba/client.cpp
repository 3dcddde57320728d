// omniORB 4.2 (C++) calling the Steward Greeter over IIOP.
// usage: client URL [NAME]   URL: corbaloc:iiop:127.0.0.1:PORT/greeter, or an IOR:... string
// Prints the reply as JSON, as ../ice/client.py does. Built by the Makefile beside it.
#include <iostream>
#include "greeter.hh"

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::cerr << "usage: client URL [NAME]" << std::endl;
        return 2;
    }
    const char* name = argc > 2 ? argv[2] : "Ada";
    try {
        int orbArgc = 1;
        CORBA::ORB_var orb = CORBA::ORB_init(orbArgc, argv);
        CORBA::Object_var object = orb->string_to_object(argv[1]);
        // _narrow asks the server _is_a("IDL:helloworld/Greeter:1.0") first, as clients do.
        helloworld::Greeter_var greeter = helloworld::Greeter::_narrow(object);
        if (CORBA::is_nil(greeter)) {
            std::cerr << "the object is not a helloworld::Greeter" << std::endl;
            return 1;
        }
        helloworld::HelloRequest request;
        request.name = name;
        request.count = 0;
        request.labels.length(2);
        request.labels[0].key = "b";
        request.labels[0].value = "2";
        request.labels[1].key = "a";
        request.labels[1].value = "1";
        helloworld::HelloReply_var reply = greeter->SayHello(request);
        std::cout << "{\"message\": \"" << reply->message.in() << "\", \"language\": " << (int)reply->language << ", \"tags\": [";
        for (CORBA::ULong i = 0; i < reply->tags.length(); i++) {
            std::cout << (i ? ", " : "") << "\"" << reply->tags[i].in() << "\"";
        }
        std::cout << "]}" << std::endl;
        orb->destroy();
        return 0;
    }
    catch (const CORBA::SystemException& ex) {
        std::cerr << "CORBA::" << ex._name() << " minor 0x" << std::hex << ex.minor() << std::endl;
        return 1;
    }
    catch (const CORBA::Exception& ex) {
        std::cerr << "CORBA exception " << ex._name() << std::endl;
        return 1;
    }
}
